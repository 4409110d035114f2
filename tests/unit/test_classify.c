/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for the stance/topic classifier (analytics/classify*.c): an
 * empty model says "other", a tiny synthetic set is learnt, confidences are
 * probabilities, a saved and reloaded model predicts exactly as the trained
 * one, bad model and data files are refused, the model built by make loads,
 * and 5-fold cross-validation on comments_dev.tsv keeps the issue's targets
 * (stance macro-F1 >= 0.80, topic macro-F1 >= 0.75).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "common.h"
#include "analytics.h"
#include "testutil.h"

/* A path under $name (the test harness sets top_srcdir, top_builddir). */
static char *
tree_path(const char *var, const char *fallback, const char *rel)
{
	const char	*top = getenv(var);

	return xasprintf("%s/%s", top != NULL ? top : fallback, rel);
}


/* Reads comments_dev.tsv from the source tree. */
static void
read_dev(struct classify_data *d)
{
	char	*path = tree_path("top_srcdir", "..", "analytics/data/comments_dev.tsv");
	char	*cause = NULL;

	if (classify_data_read(path, d, &cause) != 0)
		fail_msg("%s", cause);
	assert_int_equal(d->n, 240);
	free(path);
}

static void
test_empty_model(void **state)
{
	struct classify		*cls = classify_new(*state);
	struct classify_result	 r;

	classify_text(cls, "Дэмжинэ", NULL, &r);
	assert_int_equal(r.stance, STANCE_OTHER);
	assert_int_equal(r.topic, TOPIC_OTHER);
	classify_text(cls, "\xff\xfe", NULL, &r);	/* invalid UTF-8 */
	assert_int_equal(r.stance, STANCE_OTHER);
	classify_free(cls);
}

/* A tiny set: words of each class; what is learnt must carry over. */
static const struct classify_example tiny[] = {
	{ "эмч хэрэгтэй дэмжинэ", NULL, STANCE_SUPPORT, TOPIC_HEALTH },
	{ "эмнэлэг сайн дэмжиж байна", NULL, STANCE_SUPPORT, TOPIC_HEALTH },
	{ "зам засах нь зөв дэмжинэ", NULL, STANCE_SUPPORT, TOPIC_ROADS },
	{ "замын хууль буруу эсрэг", NULL, STANCE_OPPOSE, TOPIC_ROADS },
	{ "гүүр барих нь буруу", NULL, STANCE_OPPOSE, TOPIC_ROADS },
	{ "эмч нэмэх нь буруу эсрэг", NULL, STANCE_OPPOSE, TOPIC_HEALTH },
	{ "төлбөр хэзээ төлөх вэ?", NULL, STANCE_QUESTION, TOPIC_FEES },
	{ "татвар хэд вэ?", NULL, STANCE_QUESTION, TOPIC_FEES },
	{ "эмнэлэг хаана байдаг вэ?", NULL, STANCE_QUESTION, TOPIC_HEALTH },
};

static void
test_tiny(void **state)
{
	struct classify		*cls = classify_new(*state);
	struct classify_result	 r;

	classify_train(cls, tiny, nitems(tiny));
	classify_text(cls, "эмчийг дэмжинэ", NULL, &r);
	assert_int_equal(r.stance, STANCE_SUPPORT);
	assert_int_equal(r.topic, TOPIC_HEALTH);
	classify_text(cls, "замын төсөл буруу", NULL, &r);
	assert_int_equal(r.stance, STANCE_OPPOSE);
	assert_int_equal(r.topic, TOPIC_ROADS);
	classify_text(cls, "төлбөрийг хэн төлөх вэ?", NULL, &r);
	assert_int_equal(r.stance, STANCE_QUESTION);
	assert_int_equal(r.topic, TOPIC_FEES);
	classify_free(cls);
}

static void
test_confidence(void **state)
{
	static const char *const texts[] = {
		"", " ", "?", "Дэмжинэ", "zam heregtei", "\xff", "OK",
		"Сайн уу 99112233 *123#", "эмч эмч эмч эмч эмч эмч эмч эмч",
	};
	struct classify		*cls = classify_new(*state);
	struct classify_result	 r;
	size_t			 i;

	classify_train(cls, tiny, nitems(tiny));
	classify_set_threshold(cls, 0.6);
	for (i = 0; i < nitems(texts); i++) {
		classify_text(cls, texts[i], NULL, &r);
		assert_true(r.stance_p > 0 && r.stance_p <= 1);
		assert_true(r.topic_p > 0 && r.topic_p <= 1);
		assert_true(r.confidence >= 0 && r.confidence <= 1);
		assert_true(r.confidence <= r.stance_p && r.confidence <= r.topic_p);
		assert_int_equal(r.review, r.confidence < 0.6);
	}
	classify_free(cls);
}

/* The model carries no cross-validated figure. */
static void
cv_none(const struct classify *cls)
{
	double		 st, tp;
	unsigned	 rows;
	int		 folds;

	assert_int_equal(classify_cv_get(cls, &st, &tp, &rows, &folds), -1);
}

/* The model carries these figures (to the four decimals a file keeps). */
static void
cv_is(const struct classify *cls, double st_want, double tp_want, unsigned rows_want,
    int folds_want)
{
	double		 st, tp;
	unsigned	 rows;
	int		 folds;

	assert_int_equal(classify_cv_get(cls, &st, &tp, &rows, &folds), 0);
	assert_true(st > st_want - 1e-9 && st < st_want + 1e-9);
	assert_true(tp > tp_want - 1e-9 && tp < tp_want + 1e-9);
	assert_int_equal(rows, rows_want);
	assert_int_equal(folds, folds_want);
}

static void
test_roundtrip(void **state)
{
	struct classify_data	 d;
	struct classify		*a = classify_new(*state), *b = classify_new(*state);
	struct classify_result	 ra, rb;
	char			*dir = testdir_make("classify"), *path, *cause = NULL;
	size_t			 i;

	assert_non_null(dir);
	path = xasprintf("%s/m.model", dir);
	read_dev(&d);
	classify_train(a, d.ex, d.n);
	classify_set_threshold(a, 0.42);
	if (classify_save(a, path, &cause) != 0 || classify_load(b, path, &cause) != 0)
		fail_msg("%s", cause);
	assert_true(classify_threshold(b) == 0.42);
	cv_none(b);		/* no cross-validation recorded */
	classify_cv_set(a, 0.81234, 0.7, 240, 5);
	if (classify_save(a, path, &cause) != 0 || classify_load(b, path, &cause) != 0)
		fail_msg("%s", cause);
	cv_is(b, 0.8123, 0.7, 240, 5);
	for (i = 0; i < d.n; i++) {
		classify_text(a, d.ex[i].text, d.ex[i].consultation, &ra);
		classify_text(b, d.ex[i].text, d.ex[i].consultation, &rb);
		assert_int_equal(ra.stance, rb.stance);
		assert_int_equal(ra.topic, rb.topic);
		assert_true(ra.stance_p == rb.stance_p);
		assert_true(ra.topic_p == rb.topic_p);
	}
	classify_data_free(&d);
	classify_free(a);
	classify_free(b);
	free(path);
	assert_int_equal(testdir_remove(dir), 0);
}

/* Writes text to dir/name; returns the path. Caller frees. */
static char *
write_file(const char *dir, const char *name, const char *text)
{
	char	*path = xasprintf("%s/%s", dir, name);
	FILE	*f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	return path;
}

static void
test_bad_files(void **state)
{
	struct classify		*cls = classify_new(*state);
	struct classify_data	 d;
	char			*dir = testdir_make("classify"), *p, *cause;

	assert_non_null(dir);
	p = write_file(dir, "a", "sanal-classify 1\nbuckets 12\n");
	assert_int_equal(classify_load(cls, p, &cause), -1);
	free(cause);
	free(p);
	p = write_file(dir, "a2", "sanal-classify 1\nbuckets 65536\n"
	    "cv_macro_f1 stance 1.5 topic 0.7 rows 240 folds 5\n");
	assert_int_equal(classify_load(cls, p, &cause), -1);	/* F1 over 1 */
	free(cause);
	free(p);
	p = write_file(dir, "b", "not a model\n");
	assert_int_equal(classify_load(cls, p, &cause), -1);
	free(cause);
	free(p);
	p = write_file(dir, "c", "id\ttext\n1\tсайн\n");	/* no labels */
	assert_int_equal(classify_data_read(p, &d, &cause), -1);
	free(cause);
	free(p);
	p = write_file(dir, "d", "stance\ttopic\ttext\nyes\tfees\tсайн\n");
	assert_int_equal(classify_data_read(p, &d, &cause), -1);
	free(cause);
	free(p);
	p = write_file(dir, "e", "text\ttopic\tstance\nсайн\tfees\tamend\n");
	assert_int_equal(classify_data_read(p, &d, &cause), 0);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.ex[0].stance, STANCE_AMEND);
	assert_null(d.ex[0].consultation);
	classify_data_free(&d);
	free(p);
	classify_free(cls);
	assert_int_equal(testdir_remove(dir), 0);
}

static void
test_built_model(void **state)
{
	struct classify		*cls = classify_new(*state);
	struct classify_result	 r;
	char			*path = tree_path("top_builddir", ".", "analytics/sanal.model");
	char			*cause = NULL;

	double			 st, tp;
	unsigned		 rows;
	int			 folds;

	if (classify_load(cls, path, &cause) != 0)
		fail_msg("%s", cause);
	/* built with --cv 5: it carries its figure for reports */
	assert_int_equal(classify_cv_get(cls, &st, &tp, &rows, &folds), 0);
	assert_true(st >= 0.80 && st <= 1 && tp >= 0.75 && tp <= 1);
	assert_int_equal(rows, 240);
	assert_int_equal(folds, 5);
	classify_text(cls, "Бэлчээрийн төлбөрийг дэмжинэ", NULL, &r);
	assert_int_equal(r.stance, STANCE_SUPPORT);
	assert_int_equal(r.topic, TOPIC_FEES);
	classify_text(cls, "Эмч хэзээ ирэх вэ?", NULL, &r);
	assert_int_equal(r.stance, STANCE_QUESTION);
	assert_int_equal(r.topic, TOPIC_HEALTH);
	free(path);
	classify_free(cls);
}

static void
test_cv_targets(void **state)
{
	struct classify_data	 d;
	struct classify_scores	 st, tp;
	unsigned		 right = 0;
	int			 c;

	read_dev(&d);
	classify_cv(*state, &d, 5, &st, &tp);
	print_message("stance macro-F1 %.3f, topic macro-F1 %.3f\n",
	    st.macro_f1, tp.macro_f1);
	for (c = 0; c < STANCE_N; c++)
		right += st.confusion[c][c];
	assert_true(st.accuracy * 240 > right - 0.5 && st.accuracy * 240 < right + 0.5);
	assert_true(st.macro_f1 >= 0.80);
	assert_true(tp.macro_f1 >= 0.75);
	classify_data_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_model),
		cmocka_unit_test(test_tiny),
		cmocka_unit_test(test_confidence),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_bad_files),
		cmocka_unit_test(test_built_model),
		cmocka_unit_test(test_cv_targets),
	};

	return cmocka_run_group_tests(tests, testlex_setup, testlex_teardown);
}
