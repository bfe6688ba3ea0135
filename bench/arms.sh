# Sourced by the bench scripts: times two arms, katafraktos and a helm loop, alternating which goes
# first each round so neither always runs on a warmer cache, and prints per-round times, medians
# and the ratio katafraktos/helm. A measurement to read, not a test: nothing here asserts a bound.
#
# The sourcing script defines run_katafraktos and run_helm_loop, and sets rounds and have_jar
# (false: only the helm loop is measured). WARMUP=0 skips the untimed warm-up run of each arm.

# prints elapsed milliseconds of "$@"
time_ms() {
  local start end
  start=$(date +%s%N)
  "$@"
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

median() {
  sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# compare_arms MESSAGE: MESSAGE is printed when the katafraktos arm fails its warm-up
compare_arms() {
  local failed="$1" round
  # the warm-up doubles as a check that both arms work before anything is timed
  if [[ "${WARMUP:-1}" != 0 ]]; then
    run_helm_loop
    if $have_jar && ! run_katafraktos; then
      echo "$failed" >&2
      exit 1
    fi
  fi

  local kf_times=() helm_times=()
  for ((round = 1; round <= rounds; round++)); do
    if $have_jar && ((round % 2 == 1)); then
      kf_times+=("$(time_ms run_katafraktos)")
      helm_times+=("$(time_ms run_helm_loop)")
    else
      helm_times+=("$(time_ms run_helm_loop)")
      if $have_jar; then kf_times+=("$(time_ms run_katafraktos)"); fi
    fi
    if $have_jar; then
      printf 'round %d: katafraktos %6d ms   helm loop %6d ms\n' "$round" "${kf_times[-1]}" "${helm_times[-1]}"
    else
      printf 'round %d: helm loop %6d ms\n' "$round" "${helm_times[-1]}"
    fi
  done

  local helm_median kf_median
  helm_median="$(printf '%s\n' "${helm_times[@]}" | median)"
  echo "median helm loop:   $helm_median ms"
  if $have_jar; then
    kf_median="$(printf '%s\n' "${kf_times[@]}" | median)"
    echo "median katafraktos: $kf_median ms"
    awk -v k="$kf_median" -v h="$helm_median" 'BEGIN { printf "ratio katafraktos/helm: %.2f\n", k / h }'
  fi
}
