/*
 * script.h: what the text layer needs to know about writing systems
 * (script.c), so that the rest of tandem works in any script: which
 * characters belong to scripts written without spaces between words (their
 * words come from ICU's dictionary word breaks, token.c), which end
 * sentences (Unicode's Sentence_Terminal property, segment.c), and how long
 * a text is in units comparable across scripts (the aligner's length model).
 */
#ifndef TANDEM_INTERNAL_SCRIPT_H
#define TANDEM_INTERNAL_SCRIPT_H

#include <stddef.h>
#include <stdint.h>

/* Nonzero when cp belongs to a script written without spaces between words
 * (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar), whose words ICU
 * finds with its dictionaries. */
int tdm_script_unspaced(int32_t cp);

/* Nonzero for a Sentence_Terminal character (UAX #29: . ? ! and their
 * counterparts in other scripts: 。 ！ ？ ؟ ۔ । ॥ ። ။ ។ ...). */
int tdm_script_terminal(int32_t cp);

/* Nonzero when cp is a wide (East Asian Width W, F or H) character: after
 * a wide terminal no white space is needed for a sentence to end. */
int tdm_script_wide(int32_t cp);

/* Nonzero for Thai and Lao characters, scripts that separate sentences
 * (and clauses) by a space and words by nothing. */
int tdm_script_space_ends_sentence(int32_t cp);

/* Nonzero when s[0, len) (UTF-8) ends like a sentence: a terminator
 * (Sentence_Terminal, ..., or ';' after a Greek letter as the splitter
 * reads it), then maybe closing quotes and brackets and white space. "Yes."
 * "他走了。”" "هل أنت هنا؟" "वह घर गया।" do; a heading or a byline does not. */
int tdm_ends_sentence(const char *s, size_t len);

/* Nonzero when the language lang (ISO 639-1, or 639-3 where it has no
 * 639-1 code) is written without spaces between words, so that its words
 * come from ICU's dictionaries (token.c) and it needs no stemmer: Chinese
 * (zh and the 639-3 Chinese languages: cmn yue wuu hak nan gan hsn cjy
 * czh cdo cpx lzh), Japanese, Thai, Lao, Khmer, Burmese. For the summarizer
 * and the resource tiers: such a language has "a word segmenter". */
int tdm_lang_unspaced(const char *lang);

/* Length weight of cp: how many Latin letters it stands for, on average,
 * in a translation. 1 for alphabets, abugidas and abjads; more for
 * characters that write a syllable or a morpheme (see script.c). */
unsigned tdm_script_char_weight(int32_t cp);

/* The length of s[0, len) (UTF-8) in Latin-letter units: the sum of the
 * weights of its characters but ASCII white space (in a text of
 * alphabets, its number of code points that are not white space). */
size_t tdm_text_length(const char *s, size_t len);

/* The writing system of s[0, len) (UTF-8): the ICU script code
 * (UScriptCode) of most of its letters (Han counted 3, kana and Hangul 2, as
 * tdm_script_char_weight), where Han with a fifth or more of
 * kana is Japanese (USCRIPT_JAPANESE), Hangul with or without Han Korean
 * (USCRIPT_KOREAN) and Han alone Chinese (USCRIPT_HAN); -1 when s has no
 * letter of a script (digits, punctuation). Ties go to the first seen. */
int tdm_script_of_text(const char *s, size_t len);

/* The English name of a script code of tdm_script_of_text ("Latin",
 * "Han"), a static string; "unknown" for -1. */
const char *tdm_script_name(int script);

#endif
