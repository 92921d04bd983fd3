# why: blank: the released notebook handed in untouched
# base: release
