/*
 * review_assets.h (internal): the style sheet and the script of the review
 * page, toolkit/corpus/review/review.css and review*.js, compiled into the
 * library as strings (the Makefile generates them with
 * toolkit/corpus/review/embed.sh), so that tdm_write_html needs no file at
 * run time and the page it writes needs nothing but itself.
 */
#ifndef TANDEM_CORPUS_REVIEW_ASSETS_H
#define TANDEM_CORPUS_REVIEW_ASSETS_H

extern const char tdm_review_css[];
extern const char tdm_review_js[];

#endif
