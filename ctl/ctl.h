/* SPDX-License-Identifier: ISC */
/* sanalctl: the admin CLI. Commands are a table in sanalctl.c, one row each. */
#ifndef SANAL_CTL_H
#define SANAL_CTL_H

struct consult;

struct ctl {
	const char	*dbpath;
	struct consult	*c;		/* opened before the command runs, unless init */
};

/* ctl_consultation.c */
int	 ctl_consultation(struct ctl *, int argc, char **argv);
int	 ctl_audit(struct ctl *, int argc, char **argv);
int	 ctl_decision(struct ctl *, int argc, char **argv);
int	 ctl_notify(struct ctl *, int argc, char **argv);

/* ctl_official.c */
int	 ctl_official(struct ctl *, int argc, char **argv);
int	 ctl_token(struct ctl *, int argc, char **argv);

/* ctl_report.c */
int	 ctl_report(struct ctl *, int argc, char **argv);

/* ctl_quote.c */
int	 ctl_quote(struct ctl *, int argc, char **argv);

/* ctl_analyse.c */
int	 ctl_analyse(struct ctl *, int argc, char **argv);

/* ctl_review.c */
int	 ctl_review(struct ctl *, int argc, char **argv);
int	 ctl_label(struct ctl *, int argc, char **argv);
int	 ctl_labels(struct ctl *, int argc, char **argv);

/* ctl_translit.c */
int	 ctl_translit(struct ctl *, int argc, char **argv);
/* Word and sentence accuracy of a latin<TAB>cyrillic file; 0, 1 on error. */
int	 ctl_eval_translit(const char *path);

/* ctl_classify.c */
int	 ctl_classify(struct ctl *, int argc, char **argv);
int	 ctl_train(struct ctl *, int argc, char **argv);
int	 ctl_eval(struct ctl *, int argc, char **argv);

#endif
