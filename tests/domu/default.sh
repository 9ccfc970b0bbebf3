# The default scenario: one Proteus domU with the kernel arguments the
# host gave (/proteus/cmdline); its shutdown reason is the verdict.
# /proteus/type (mk/domu-stage.sh, from DOMU_TYPE): pv or pvh.
DOMU_TYPE=$(cat /proteus/type 2>/dev/null || echo pv) domu_run proteus "$(cat /proteus/cmdline)" 90
[ "$REASON" = 0 ] && finish passed || finish failed
