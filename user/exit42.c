/* exit42 — exits with a status the kernel must pass on unchanged. */
int main(void) { return 42; }
