/* kseg — linked below the lowest user address: the loader must refuse it. */
int main(void) { return 0; }
