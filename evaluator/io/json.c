#include "json.h"
#include "numbers.h"

#include <math.h>

void json_string(struct sbuf *out, const char *s)
{
	sbuf_addc(out, '"');
	while (*s) {
		/* the characters that need no escape, at once */
		size_t plain = 0;
		while (s[plain] && s[plain] != '"' && s[plain] != '\\' &&
		       (unsigned char)s[plain] >= 0x20)
			plain++;
		sbuf_addn(out, s, plain);
		s += plain;
		if (!*s)
			break;
		unsigned char c = (unsigned char)*s++;
		if (c == '"' || c == '\\')
			sbuf_addf(out, "\\%c", c);
		else if (c == '\n')
			sbuf_add(out, "\\n");
		else if (c == '\t')
			sbuf_add(out, "\\t");
		else
			sbuf_addf(out, "\\u%04x", c);
	}
	sbuf_addc(out, '"');
}

void json_key(struct sbuf *out, const char *key, bool first)
{
	if (!first)
		sbuf_addc(out, ',');
	json_string(out, key);
	sbuf_addc(out, ':');
}

void json_str_field(struct sbuf *out, const char *key, const char *v, bool first)
{
	json_key(out, key, first);
	json_string(out, v);
}

void json_str_or_null(struct sbuf *out, const char *key, const char *v, bool first)
{
	json_key(out, key, first);
	if (v)
		json_string(out, v);
	else
		sbuf_add(out, "null");
}

void json_num_field(struct sbuf *out, const char *key, double v, int digits)
{
	char buf[64];
	json_key(out, key, false);
	if (isnan(v))
		sbuf_add(out, "null");
	else if (digits >= 0)
		sbuf_add(out, format_number(buf, sizeof buf, round_half_away(v, digits)));
	else
		sbuf_add(out, format_number(buf, sizeof buf, v));
}

void json_bool_field(struct sbuf *out, const char *key, bool v, bool first)
{
	json_key(out, key, first);
	sbuf_add(out, v ? "true" : "false");
}
