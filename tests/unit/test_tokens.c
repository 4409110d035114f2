/* placeholder: replaced by the module's real tests */
int main(void) { return 0; }
