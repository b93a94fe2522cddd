// Nothing to import: CCompat only defines C++ runtime symbols the release binary links (compat.cpp).
