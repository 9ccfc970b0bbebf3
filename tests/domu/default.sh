# The default scenario: one Proteus domU with the kernel arguments the
# host gave (/proteus/cmdline); its shutdown reason is the verdict.
domu_run proteus "$(cat /proteus/cmdline)" 90
[ "$REASON" = 0 ] && finish passed || finish failed
