// What the release binary needs of the C++ runtime beyond Debian 11's
// libstdc++ (GLIBCXX_3.4.28): the Swift runtime's hash tables call
// std::__throw_bad_array_new_length (GLIBCXX_3.4.29, GCC 11). Defined in the
// binary, so that no newer libstdc++ is needed; where the host's libstdc++
// has it too, the binary's own definition is the one used.
#include <new>

namespace std {
[[noreturn]] void __throw_bad_array_new_length() { throw std::bad_array_new_length(); }
}
