/*
 * summary.c: the summary record (summarize/summary.h): what the summarizer
 * builds and callers read through the accessors of tandem/summarize.h.
 * Apart from summarizer.c and summary_io.c so that neither needs the other
 * to free or read one.
 */
#include <stdlib.h>

#include "summarize/summary.h"

void tdm_summary_free(tdm_summary *summary)
{
    if (!summary)
        return;
    free(summary->chosen);
    free(summary->sentences);
    free(summary->keywords);
    free(summary->keyword_text);
    free(summary);
}

size_t tdm_summary_count(const tdm_summary *summary)
{
    return summary->count;
}

const uint32_t *tdm_summary_chosen(const tdm_summary *summary)
{
    return summary->chosen;
}

const tdm_summary_sentence *tdm_summary_sentences(const tdm_summary *summary)
{
    return summary->sentences;
}

long tdm_summary_title(const tdm_summary *summary)
{
    return summary->title;
}

size_t tdm_summary_keyword_count(const tdm_summary *summary)
{
    return summary->keyword_count;
}

const tdm_keyword *tdm_summary_keywords(const tdm_summary *summary)
{
    return summary->keywords;
}
