/* placeholder */
#include "ctl.h"
int ctl_translit(struct ctl *c, int argc, char **argv) { (void)c; (void)argc; (void)argv; return 2; }
int ctl_eval_translit(const char *path) { (void)path; return 1; }
