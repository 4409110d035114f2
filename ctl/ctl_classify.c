/* placeholder */
#include "ctl.h"
int ctl_classify(struct ctl *c, int argc, char **argv) { (void)c; (void)argc; (void)argv; return 2; }
int ctl_train(struct ctl *c, int argc, char **argv) { (void)c; (void)argc; (void)argv; return 2; }
int ctl_eval(struct ctl *c, int argc, char **argv) { (void)c; (void)argc; (void)argv; return 2; }
