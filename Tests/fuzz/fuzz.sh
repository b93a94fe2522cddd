#!/usr/bin/env bash
# make fuzz: coverage-guided fuzzing of the XML, JSON, INI and Avro readers
# with libFuzzer (swiftc -sanitize=fuzzer), or, where the toolchain cannot
# build that, the seeded mutation runner argo-fuzz. Any crash fails.
#   fuzz.sh SECONDS_PER_TARGET SEED
set -euo pipefail
seconds=$1 seed=$2
swift=${SWIFT:-swift}
work=.build-fuzz
fixtures=Tests/ArgoTestSupport/Fixtures
targets="xml json ini avro flat"

seeds() {  # the seed files of a target
  case $1 in
    xml) ls $fixtures/gocdb/*.xml ;;
    json) ls config-examples/offline/feeds/vapor.json config-examples/offline/feeds/poem/*.json ;;
    ini) ls config-examples/*.conf config-examples/offline/*.conf config-examples/offline-2.3.1/*.conf ;;
    avro) ls $fixtures/avro/*.avro config-examples/schemas/*.avsc ;;
    flat) ls $fixtures/gen2/static/*.csv $fixtures/gen2/static/topology.json $fixtures/gen2/static/servicetypes.json ;;
  esac
}

build_libfuzzer() {
  local bin=$work/debug
  $swift build --target ArgoConnectors --scratch-path $work -Xswiftc -sanitize=fuzzer >$work/build.log 2>&1 || return 1
  # The library's declarations are `package`: the harness joins the package
  # under the name SwiftPM gave it (the checkout folder's name).
  local package
  package=$(grep -o '"-package-name","[^"]*"' $work/debug.yaml | grep -v '"swift_log"' | head -1 | cut -d'"' -f4)
  swiftc -sanitize=fuzzer -parse-as-library -D DEBUG -g -I $bin/Modules -package-name "$package" \
    -I Sources/CCurl -I Sources/CLibXML2 -I Sources/CZlib -I Sources/CLDAP -I Sources/CICU/include -I Sources/COpenSSL/include \
    -Xcc -fmodule-map-file=$bin/CICU.build/module.modulemap -Xcc -fmodule-map-file=$bin/COpenSSL.build/module.modulemap -Xcc -I/usr/include/libxml2 \
    Sources/argo-fuzz/FuzzTargets.swift Fuzz/LibFuzzerEntry.swift \
    $bin/ArgoModel.build/*.o $bin/CICU.build/*.o $bin/COpenSSL.build/*.o $bin/ArgoSystem.build/*.o $bin/ArgoConnectors.build/*.o $bin/Logging.build/*.o \
    -lcurl -lxml2 -lz -lldap -llber -licui18n -licuuc -licudata -lcrypto -o $work/argo-libfuzzer >>$work/build.log 2>&1
}

mkdir -p $work
if build_libfuzzer; then
  for target in $targets; do
    corpus=$work/corpus-$target
    mkdir -p "$corpus"
    for file in $(seeds $target); do cp "$file" "$corpus/seed-$(basename "$file")"; done
    ARGO_FUZZ_TARGET=$target $work/argo-libfuzzer "$corpus" -max_total_time="$seconds" -seed="$seed" \
      -artifact_prefix=$work/crash-$target- -print_final_stats=1 >$work/$target.log 2>&1 ||
      { tail -40 $work/$target.log; echo "fuzz $target: crash, input saved as $work/crash-$target-*"; exit 1; }
    echo "libFuzzer $target: $(sed -n 's/^stat::number_of_executed_units: *//p' $work/$target.log) inputs in $seconds s, seed $seed, no crash"
  done
else
  echo "libFuzzer build not available here ($work/build.log); using the seeded mutation runner"
  $swift build --product argo-fuzz
  for target in $targets; do
    "$($swift build --show-bin-path)/argo-fuzz" $target "$seconds" "$seed" $(seeds $target)
  done
fi
