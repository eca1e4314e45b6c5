/*
 * normalize_bench.c
 *		Throughput of normalize_text() on generated declaration lines.
 *
 * Generates N lines (default 1,000,000) of about 100 bytes of realistic
 * goods-declaration text, 90% pure ASCII and 10% with non-ASCII characters
 * (German umlauts, French accents, Polish letters, and a few Cyrillic,
 * Greek and full-width forms), then normalises every line once, timing the
 * ASCII and the non-ASCII lines separately.  Run with bench/normalize_bench.sh.
 *
 *	 normalize_bench [LINES [ascii|utf8]]
 *
 * The optional second argument normalises only that kind of line (for
 * valgrind --tool=callgrind --toggle-collect=normalize_text, which counts
 * instructions per line without the noise of a loaded machine).
 */
#include "normalize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static uint32_t
rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t) (rng % n);
}

static const char *const ascii_parts[] = {
	"Acetone, technical grade, 200 l drums", "Toluene 99% 180 kg",
	"(1R,2S)-(-)-Ephedrine HCl, 25 kg", "Sulphuric acid 96%, IBC 1000 l",
	"Ethyl acetate for coatings", "3,4-MDP-2-P methyl glycidate",
	"Potassium permanganate, pure", "CAS No. 108-24-7 acetic anhydride",
	"Hydrochloric acid 37% solution", "plastic household goods, assorted",
	"spare parts for pumps; steel flanges", "Methyl ethyl ketone (MEK), 16 kg",
	"printing ink, solvent based", "N,N-Dimethylformamide 190 kg net",
	"invoice 2024/118: cosmetics, 12 cartons", "Piperonal 98 pct, 5 x 25 kg",
};

static const char *const utf8_parts[] = {
	"Essigs\xc3\xa4ureanhydrid, technisch, 200 kg F\xc3\xa4sser",
	"Ac\xc3\xa9tone pur, f\xc3\xbbts de 200 l, qualit\xc3\xa9 industrielle",
	"Kwas siarkowy 96%, pojemnik \xc5\x82\xc3\xb3" "d\xc5\xba" "ki 1000 l",
	"\xd0\x90\xd1\x86\xd0\xb5\xd1\x82\xd0\xbe\xd0\xbd \xd1\x82\xd0\xb5\xd1\x85\xd0\xbd\xd0\xb8\xd1\x87\xd0\xb5\xd1\x81\xd0\xba\xd0\xb8\xd0\xb9",
	"\xd0\xb0" "cetone 99% in 200 l drums",
	"\xce\xb1-Phenylacetoacetonitrile (APAAN) 50 kg",
	"\xef\xbc\x93,\xef\xbc\x94-\xef\xbc\xad\xef\xbc\xa4\xef\xbc\xb0-\xef\xbc\x92-\xef\xbc\xb0 sample",
	"chlorhydrate d'\xc3\xa9ph\xc3\xa9" "drine \xe2\x80\x94 5 kg",
	"Toluol \xe2\x80\x9ereinst\xe2\x80\x9c, 180 kg, Gefahrgut",
};

#define LINE_MAX_BYTES 160

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	size_t		n = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000000;
	char	   *lines = malloc(n * LINE_MAX_BYTES);
	size_t	   *lens = malloc(n * sizeof(size_t));
	bool	   *utf8 = malloc(n * sizeof(bool));
	NormBuf		nb;
	size_t		i;
	size_t		na = 0,
				nu = 0,
				ba = 0,
				bu = 0,
				outbytes = 0;
	double		ta = 0,
				tu = 0;
	int			pass;
	int			kindpass;
	int			only = -1;		/* -1: both kinds; 0: ASCII; 1: non-ASCII */

	if (!lines || !lens || !utf8)
		return 1;
	if (argc > 2)
		only = strcmp(argv[2], "utf8") == 0 ? 1 : 0;
	for (i = 0; i < n; i++)
	{
		char	   *l = lines + i * LINE_MAX_BYTES;
		size_t		len = 0;

		utf8[i] = rnd(10) == 0;
		while (len < 90)
		{
			const char *p = utf8[i] && (len == 0 || rnd(2)) ?
				utf8_parts[rnd(sizeof(utf8_parts) / sizeof(utf8_parts[0]))] :
				ascii_parts[rnd(sizeof(ascii_parts) / sizeof(ascii_parts[0]))];
			size_t		pl = strlen(p);

			if (len + pl + 2 >= LINE_MAX_BYTES)
				break;
			if (len)
				l[len++] = ' ';
			memcpy(l + len, p, pl);
			len += pl;
		}
		lens[i] = len;
	}

	norm_buf_init(&nb);
	/* pass 0 warms up caches and ICU; pass 1 is measured */
	for (pass = 0; pass < 2; pass++)
	{
		ta = tu = 0;
		na = nu = ba = bu = outbytes = 0;
		/*
		 * Each kind of line is timed in one stretch, so that the clock is
		 * read only four times per pass (a CPU-time clock read is a system
		 * call, far too dear to take per line).
		 */
		for (kindpass = 0; kindpass < 2; kindpass++)
		{
			bool		kind = kindpass == 1;
			double		t0 = now();
			size_t		cnt = 0;
			size_t		bytes = 0;

			if (only >= 0 && only != kindpass)
				continue;

			for (i = 0; i < n; i++)
			{
				if (utf8[i] != kind)
					continue;
				if (normalize_text(lines + i * LINE_MAX_BYTES, lens[i], &nb) != NORM_OK)
				{
					fprintf(stderr, "normalize failed on line %zu: %s\n", i, nb.error.detail);
					return 1;
				}
				outbytes += nb.len;
				bytes += lens[i];
				cnt++;
			}
			if (kind)
			{
				tu = now() - t0;
				nu = cnt;
				bu = bytes;
			}
			else
			{
				ta = now() - t0;
				na = cnt;
				ba = bytes;
			}
		}
	}
	/*
	 * Calibration: the cheapest possible pass over the same bytes (lowercase
	 * copy with offsets), to judge the figures on a loaded or slow machine.
	 */
	{
		double		t0 = now();
		size_t		total = 0;

		for (i = 0; i < n; i++)
		{
			const char *l = lines + i * LINE_MAX_BYTES;
			size_t		k;

			for (k = 0; k < lens[i]; k++)
			{
				unsigned char c = (unsigned char) l[k];

				nb.text[k] = (char) (c >= 'A' && c <= 'Z' ? c + 32 : c);
				nb.offset[k] = (uint32_t) k;
			}
			total += nb.text[lens[i] / 2];
		}
		printf("calibration (lowercase copy + offsets): %.1f ns/line (checksum %zu)\n",
			   (now() - t0) * 1e9 / n, total);
	}
	printf("lines: %zu (%zu ASCII, %zu non-ASCII), output bytes %zu\n",
		   n, na, nu, outbytes);
	printf("ASCII:     %7.1f ns/line, avg %.0f bytes/line, %6.1f ns per 100 bytes\n",
		   ta * 1e9 / na, (double) ba / na, ta * 1e9 / ba * 100);
	printf("non-ASCII: %7.1f ns/line, avg %.0f bytes/line, %6.1f ns per 100 bytes\n",
		   tu * 1e9 / nu, (double) bu / nu, tu * 1e9 / bu * 100);
	norm_buf_free(&nb);
	free(lines);
	free(lens);
	free(utf8);
	return 0;
}
