/*
 * normalize_words: read words (one a line), normalise each with the
 * matcher's normaliser, print every resulting token without digits, of 3 to
 * 48 bytes (shorter tokens are fragments, not words).  Build step of the lexicon (data/lexicon/generate.sh).
 */
#include <stdio.h>
#include <string.h>

#include "normalize.h"

int
main(void)
{
	NormBuf		nb;
	char	   *line = NULL;
	size_t		cap = 0;
	ssize_t		n;

	norm_buf_init(&nb);
	while ((n = getline(&line, &cap, stdin)) > 0)
	{
		size_t		i = 0;

		if (line[n - 1] == '\n')
			line[--n] = '\0';
		if (normalize_text(line, (size_t) n, &nb) != NORM_OK)
		{
			fprintf(stderr, "could not normalise \"%s\"\n", line);
			return 1;
		}
		while (i < nb.len)
		{
			size_t		j = i;
			int			digit = 0;

			while (j < nb.len && nb.text[j] != ' ' && nb.text[j] != '|')
			{
				if ((nb.text[j] >= '0' && nb.text[j] <= '9') || nb.text[j] == '-')
					digit = 1;
				j++;
			}
			if (!digit && j - i >= 3 && j - i <= 48)
				printf("%.*s\n", (int) (j - i), nb.text + i);
			i = j + 1;
		}
	}
	norm_buf_free(&nb);
	return 0;
}
