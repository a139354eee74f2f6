/* formats.c: documents in several formats, and the pages a crawler or a
 * browser test expects to find.
 *
 *   /html                   a short story, text/html
 *   /json                   a slideshow outline, application/json
 *   /xml                    the same outline, application/xml
 *   /robots.txt             "Disallow: /deny" for every robot
 *   /deny                   the page robots are asked not to fetch
 *   /encoding/utf8          a page of many scripts and symbols in UTF-8
 *   /uuid                   {"uuid": "..."}, a random version 4 UUID
 *   /links/{n}              302 to /links/{n}/0, the query kept
 *   /links/{n}/{offset}     a page of n links, {offset} not a link
 *   /forms/post             an HTML form that posts to /post
 *
 * The documents are our own, shaped like go-httpbin's so that clients
 * written against it find the same structure: /json and /xml have a
 * slideshow with an author, a date, a title and slides, each with a
 * title and a type, some with items; /forms/post has go-httpbin's field
 * names and values.
 *
 * Decisions:
 *
 *  - Every text type says charset=utf-8, and so does /xml, whose type
 *    defines the parameter (RFC 7303, Section 3); the document's own XML
 *    declaration says the same. application/json defines no charset
 *    parameter (RFC 8259, Section 11), so it gets none.
 *  - /uuid draws its 122 random bits from the worker's generator, which
 *    is fast but not cryptographic: RFC 9562, Section 6.9 would have a
 *    CSPRNG for identifiers that must be hard to guess, and these are for
 *    tests. Each response is for one request only (no-store, in the
 *    route table).
 *  - /links: n is a whole number from 0 to 256, the offset any whole
 *    number (an optional sign, then digits); a page whose offset is not
 *    one of its links marks none. Bad numbers are a 400. */
#include <stdio.h>
#include <string.h>

#include "ascii.h"
#include "handlers.h"
#include "server.h"

#define LINKS_MAX 256
#define XML_TYPE  "application/xml; charset=utf-8"

/* ------------------------------------------------------------ documents */

static const char html_doc[] =
    "<!DOCTYPE html>\n"
    "<html lang=\"en\">\n"
    "<head>\n"
    "<meta charset=\"utf-8\">\n"
    "<title>The Harbour Keeper</title>\n"
    "</head>\n"
    "<body>\n"
    "<h1>The Harbour Keeper</h1>\n"
    "<p>At the end of the harbour wall stood a stone hut, and in the hut "
    "lived a keeper whose whole work was to answer. Ships came out of the "
    "fog and asked with a lamp whether they might come in; the keeper "
    "looked at the tide table, at the crowded quays and at the sky, and "
    "flashed back a number. Two hundred meant come in and tie up. Three "
    "hundred and one meant that the berth had moved for good, and that the "
    "captain should steer for the new one and remember it. Four hundred "
    "and four was the hardest to send: there is no such harbour here, and "
    "there never was.</p>\n"
    "<p>The captains grumbled about the numbers at first. A word, they "
    "said, would be friendlier. But words blur in fog and change from one "
    "coast to the next, while a number means the same in every port that "
    "has agreed on it. Before long each captain carried a small card with "
    "the numbers printed on it, and the older ones stopped looking at the "
    "card at all.</p>\n"
    "<p>Some nights brought one ship after another asking the same "
    "question, and the keeper answered each the same way, patiently, since "
    "a keeper who tires of answering is no keeper. On the rare nights when "
    "the lamp itself failed, the keeper hung out a red cloth that everyone "
    "understood: five hundred and three, come back later. By morning the "
    "lamp was always mended.</p>\n"
    "</body>\n"
    "</html>\n";

static const char json_doc[] =
    "{\n"
    "  \"slideshow\": {\n"
    "    \"author\": \"The httpstatus authors\",\n"
    "    \"date\": \"first draft\",\n"
    "    \"slides\": [\n"
    "      {\n"
    "        \"title\": \"Every answer has a number\",\n"
    "        \"type\": \"all\"\n"
    "      },\n"
    "      {\n"
    "        \"items\": [\n"
    "          \"Why <em>three digits</em> are enough\",\n"
    "          \"How <em>clients</em> read the first digit\"\n"
    "        ],\n"
    "        \"title\": \"Summary\",\n"
    "        \"type\": \"all\"\n"
    "      },\n"
    "      {\n"
    "        \"items\": [\n"
    "          \"429 and 503 may say when, in <em>Retry-After</em>\",\n"
    "          \"Other 5xx: wait longer each time\"\n"
    "        ],\n"
    "        \"title\": \"When to try again\",\n"
    "        \"type\": \"operators\"\n"
    "      }\n"
    "    ],\n"
    "    \"title\": \"Status Codes at a Glance\"\n"
    "  }\n"
    "}\n";

static const char xml_doc[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<!-- A slideshow outline about status codes. -->\n"
    "<slideshow title=\"Status Codes at a Glance\" date=\"first draft\"\n"
    "           author=\"The httpstatus authors\">\n"
    "  <slide type=\"all\">\n"
    "    <title>Every answer has a number</title>\n"
    "  </slide>\n"
    "  <slide type=\"all\">\n"
    "    <title>Summary</title>\n"
    "    <item>Why <em>three digits</em> are enough</item>\n"
    "    <item/>\n"
    "    <item>How <em>clients</em> read the first digit</item>\n"
    "  </slide>\n"
    "  <slide type=\"operators\">\n"
    "    <title>When to try again</title>\n"
    "    <item>429 and 503 may say when, in <em>Retry-After</em></item>\n"
    "    <item>Other 5xx: wait longer each time</item>\n"
    "  </slide>\n"
    "</slideshow>\n";

static const char robots_doc[] = "User-agent: *\n"
                                 "Disallow: /deny\n";

static const char deny_doc[] =
    "     .-----.\n"
    "     | o o |    Disallow: /deny\n"
    "     |  ^  |\n"
    "     '-----'    This robot read robots.txt,\n"
    "    /|#####|\\   came here all the same,\n"
    "     |_____|    and was politely turned away.\n"
    "      |   |\n"
    "     _|   |_\n";

/* The UTF-8 page, in parts: C99 compilers need take no string literal
 * over 4095 bytes. Invisible characters (combining marks, joiners,
 * variation selectors) are written as universal character names. */
static const char *const utf8_parts[] = {
    "<!DOCTYPE html>\n"
    "<html lang=\"en\">\n"
    "<head>\n"
    "<meta charset=\"utf-8\">\n"
    "<title>UTF-8 sampler</title>\n"
    "</head>\n"
    "<body>\n"
    "<h1>UTF-8 sampler</h1>\n"
    "<p>Everything below is sent as UTF-8, one to four bytes a character. "
    "A box means a font lacks the character; two or three odd symbols in "
    "place of one mean that something decoded the bytes with another "
    "charset.</p>\n"
    "\n"
    "<h2>Bytes per character</h2>\n"
    "<table>\n"
    "<tr><th>Character</th><th>Code point</th><th>UTF-8</th></tr>\n"
    "<tr><td>A</td><td>U+0041</td><td>41</td></tr>\n"
    "<tr><td>é</td><td>U+00E9</td><td>C3 A9</td></tr>\n"
    "<tr><td>€</td><td>U+20AC</td><td>E2 82 AC</td></tr>\n"
    "<tr><td>𝄞</td><td>U+1D11E</td><td>F0 9D 84 9E</td></tr>\n"
    "</table>\n"
    "\n"
    "<h2>Greek</h2>\n"
    "<p lang=\"el\">Η απάντηση του διακομιστή ξεκινά πάντα με έναν "
    "τριψήφιο κωδικό.</p>\n"
    "<p lang=\"el\">Αα Ββ Γγ Δδ Εε Ζζ Ηη Θθ Ιι Κκ Λλ Μμ Νν Ξξ Οο Ππ Ρρ "
    "Σσς Ττ Υυ Φφ Χχ Ψψ Ωω</p>\n"
    "\n"
    "<h2>Cyrillic</h2>\n"
    "<p lang=\"ru\">Ответ сервера всегда начинается с трёхзначного "
    "кода.</p>\n"
    "<p lang=\"uk\">Українські літери: Ґґ Єє Іі Її.</p>\n"
    "<p lang=\"sr\">Српска слова: Ђђ Јј Љљ Њњ Ћћ Џџ.</p>\n"
    "\n"
    "<h2>Chinese, Japanese, Korean</h2>\n"
    "<p lang=\"zh\">服务器的回答总是以三位数的状态码开头。</p>\n"
    "<p lang=\"ja\">サーバーの応答は、必ず三桁のステータスコードで"
    "始まります。</p>\n"
    "<p lang=\"ko\">서버의 응답은 항상 세 자리 상태 코드로 "
    "시작합니다.</p>\n"
    "<p lang=\"zh\">Beyond the Basic Multilingual Plane: 𠀋 𠮷 𩸽</p>\n"
    "\n",

    "<h2>Right to left: Arabic and Hebrew</h2>\n"
    "<p lang=\"ar\" dir=\"rtl\">يبدأ رد الخادم دائمًا برمز حالة من ثلاثة "
    "أرقام.</p>\n"
    "<p lang=\"ar\" dir=\"rtl\">الأرقام: ٠١٢٣٤٥٦٧٨٩ — الرمز ٤٠٤</p>\n"
    "<p lang=\"he\" dir=\"rtl\">תשובת השרת מתחילה תמיד בקוד מצב בן שלוש "
    "ספרות.</p>\n"
    "\n"
    "<h2>South and Southeast Asia</h2>\n"
    "<p lang=\"hi\">सर्वर का उत्तर हमेशा तीन अंकों के कोड से शुरू होता "
    "है।</p>\n"
    "<p lang=\"th\">คำตอบของเซิร์ฟเวอร์ขึ้นต้นด้วยรหัสสามหลักเสมอ</p>\n"
    "<p lang=\"ta\">தமிழ் எழுத்துகள்: அ ஆ இ ஈ உ ஊ</p>\n"
    "\n"
    "<h2>Combining marks</h2>\n"
    "<p>Composed and decomposed: é (U+00E9) and e\u0301 (U+0065 U+0301) "
    "look alike, but their bytes differ.</p>\n"
    "<p>Stacked marks: a\u0301\u0302 o\u0323\u0302 e\u0308\u0303 "
    "n\u0303\u0331</p>\n"
    "<p lang=\"vi\">Vietnamese, composed: Tiếng Việt; decomposed: "
    "Tie\u0302\u0301ng Vie\u0323\u0302t</p>\n"
    "<p>Zero width joiner and non-joiner: "
    "ف\u200dف and ف\u200cف</p>\n"
    "\n"
    "<h2>Emoji</h2>\n"
    "<p>🚦 ✅ ❌ 🔁 ⏳ 🫖 📬 🔒 🐢 🚀</p>\n"
    "<p>Skin tones: 👋🏻 👋🏽 👋🏿</p>\n"
    "<p>Joined sequences: "
    "\U0001F469\u200d\U0001F4BB "
    "\U0001F468\u200d\U0001F469\u200d\U0001F467 "
    "\U0001F3F3\uFE0F\u200d\U0001F308</p>\n"
    "<p>Flags: 🇳🇿 🇯🇵 🇧🇷 🇰🇪</p>\n"
    "<p>Keycaps: 4\uFE0F\u20E3 0\uFE0F\u20E3 4\uFE0F\u20E3</p>\n"
    "\n",

    "<h2>Mathematics</h2>\n"
    "<p>∀x ∈ ℝ: x² ≥ 0</p>\n"
    "<p>∑ᵢ₌₁ⁿ i = n(n + 1)/2 &nbsp; ∫₀^∞ e⁻ˣ dx = 1 &nbsp; ∇·E = ρ/ε₀</p>\n"
    "<p>ℕ ⊂ ℤ ⊂ ℚ ⊂ ℝ ⊂ ℂ &nbsp; A ∪ B &nbsp; A ∩ B &nbsp; "
    "¬(p ∧ q) ⇔ (¬p ∨ ¬q)</p>\n"
    "<p>≠ ≈ ≡ ≤ ≥ ± × ÷ √ ∞ ∂ ∅ ∴</p>\n"
    "<p>Mathematical letters, four bytes each: 𝐀𝐁𝐂 𝔄𝔅 𝕬𝕭𝕮 𝒜𝒞 𝟘𝟙𝟚</p>\n"
    "\n"
    "<h2>Symbols and punctuation</h2>\n"
    "<p>“Double” ‘single’ «guillemets» „low“ — em dash – en dash … "
    "ellipsis · middle dot</p>\n"
    "<p>Currency: $ ¢ £ ¥ € ₹ ₩ ₽ ₺ ₿</p>\n"
    "<p>Arrows: ← ↑ → ↓ ↔ ⇐ ⇒ ⇔ ↩ ↪</p>\n"
    "<p>Music, weather, cards: ♩ ♪ ♫ ♬ 𝄞 ☀ ☂ ☃ ★ ☆ ♠ ♣ ♥ ♦</p>\n"
    "<pre>\n"
    "┌─────┬───────────┐\n"
    "│ 200 │ OK        │\n"
    "├─────┼───────────┤\n"
    "│ 404 │ Not Found │\n"
    "└─────┴───────────┘\n"
    "</pre>\n"
    "</body>\n"
    "</html>\n",
};

static const char forms_doc[] =
    "<!DOCTYPE html>\n"
    "<html lang=\"en\">\n"
    "<head>\n"
    "<meta charset=\"utf-8\">\n"
    "<title>Test order form</title>\n"
    "</head>\n"
    "<body>\n"
    "<h1>Order a pizza (a test form)</h1>\n"
    "<p>Nothing is ordered: the form posts to /post, which shows what it "
    "received.</p>\n"
    "<form method=\"post\" action=\"/post\">\n"
    "<p><label>Your name <input name=\"custname\"></label></p>\n"
    "<p><label>Phone <input type=\"tel\" name=\"custtel\"></label></p>\n"
    "<p><label>Email <input type=\"email\" name=\"custemail\"></label></p>\n"
    "<fieldset>\n"
    "<legend>Size</legend>\n"
    "<label><input type=\"radio\" name=\"size\" value=\"small\"> "
    "Small</label>\n"
    "<label><input type=\"radio\" name=\"size\" value=\"medium\"> "
    "Medium</label>\n"
    "<label><input type=\"radio\" name=\"size\" value=\"large\"> "
    "Large</label>\n"
    "</fieldset>\n"
    "<fieldset>\n"
    "<legend>Toppings</legend>\n"
    "<label><input type=\"checkbox\" name=\"topping\" value=\"bacon\"> "
    "Bacon</label>\n"
    "<label><input type=\"checkbox\" name=\"topping\" value=\"cheese\"> "
    "More cheese</label>\n"
    "<label><input type=\"checkbox\" name=\"topping\" value=\"onion\"> "
    "Onion</label>\n"
    "<label><input type=\"checkbox\" name=\"topping\" value=\"mushroom\"> "
    "Mushroom</label>\n"
    "</fieldset>\n"
    "<p><label>Deliver at <input type=\"time\" name=\"delivery\" "
    "min=\"11:00\" max=\"21:00\" step=\"900\"></label></p>\n"
    "<p><label>Notes for the driver<br>\n"
    "<textarea name=\"comments\" rows=\"3\" cols=\"40\"></textarea>"
    "</label></p>\n"
    "<p><button type=\"submit\">Send the test order</button></p>\n"
    "</form>\n"
    "</body>\n"
    "</html>\n";

/* ------------------------------------------------------------- handlers */

/* A 200 with a constant document. */
static int respond_doc(struct exchange *x, const char *type, const char *doc,
                       size_t n)
{
    response_reset(x->res, 200);
    response_static(x->res, type, doc, n);
    return 0;
}

int handle_html(struct exchange *x)
{
    return respond_doc(x, media_type(MEDIA_HTML), html_doc,
                       sizeof html_doc - 1);
}

int handle_json(struct exchange *x)
{
    return respond_doc(x, HTTPBIN_JSON, json_doc, sizeof json_doc - 1);
}

int handle_xml(struct exchange *x)
{
    return respond_doc(x, XML_TYPE, xml_doc, sizeof xml_doc - 1);
}

int handle_robots(struct exchange *x)
{
    return respond_doc(x, media_type(MEDIA_TEXT), robots_doc,
                       sizeof robots_doc - 1);
}

int handle_deny(struct exchange *x)
{
    return respond_doc(x, media_type(MEDIA_TEXT), deny_doc,
                       sizeof deny_doc - 1);
}

int handle_forms_post(struct exchange *x)
{
    return respond_doc(x, media_type(MEDIA_HTML), forms_doc,
                       sizeof forms_doc - 1);
}

int handle_utf8(struct exchange *x)
{
    size_t k;

    response_reset(x->res, 200);
    for (k = 0; k < sizeof utf8_parts / sizeof utf8_parts[0]; k++)
        if (buffer_puts(&x->res->body, utf8_parts[k]) != 0)
            return -1;
    response_add(x->res, "Content-Type", media_type(MEDIA_HTML));
    return 0;
}

int handle_uuid(struct exchange *x)
{
    unsigned char b[16];
    uint64_t half[2];
    size_t k;
    int r;

    half[0] = rng_next(x->rng);
    half[1] = rng_next(x->rng);
    for (k = 0; k < 16; k++)
        b[k] = (unsigned char)(half[k / 8] >> (56 - 8 * (k % 8)));
    /* RFC 9562, Section 5.4: version 4 in the high nibble of octet 6, the
     * variant bits 10 at the top of octet 8. */
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
    response_reset(x->res, 200);
    r = buffer_puts(&x->res->body, "{\"uuid\": \"");
    for (k = 0; k < 16; k++)
        r |= buffer_printf(&x->res->body, "%s%02x",
                           k == 4 || k == 6 || k == 8 || k == 10 ? "-" : "",
                           b[k]);
    r |= buffer_puts(&x->res->body, "\"}\n");
    if (r != 0)
        return -1;
    response_add(x->res, "Content-Type", HTTPBIN_JSON);
    return 0;
}

/* A whole number: an optional sign, then 1 to 18 digits. 0, or -1. */
static int parse_whole(struct slice s, long long *out)
{
    size_t i = 0;
    long long v = 0;
    int negative = 0;

    if (s.p == NULL || s.n == 0)
        return -1;
    if (s.p[0] == '-' || s.p[0] == '+') {
        negative = s.p[0] == '-';
        i = 1;
    }
    if (i == s.n || s.n - i > 18)
        return -1;
    for (; i < s.n; i++) {
        if (!is_digit((unsigned char)s.p[i]))
            return -1;
        v = v * 10 + (s.p[i] - '0');
    }
    *out = negative ? -v : v;
    return 0;
}

int handle_links(struct exchange *x)
{
    const struct request *req = x->req;
    struct buffer *b = &x->res->body;
    long long n, offset, i;
    int r;

    if (parse_whole(x->arg[0], &n) != 0 || n < 0 || n > LINKS_MAX) {
        refuse_request(x,
                       "The number of links in /links/{n} must be a whole "
                       "number from 0 to %d.",
                       LINKS_MAX);
        return 0;
    }
    if (x->nargs < 2) {
        /* /links/{n}: to its first page, with the query. */
        response_reset(x->res, 302);
        response_addf(x->res, "Location", "/links/%.*s/0%s%.*s",
                      (int)x->arg[0].n, x->arg[0].p,
                      req->query.p != NULL ? "?" : "", (int)req->query.n,
                      req->query.p != NULL ? req->query.p : "");
        return x->res->failed ? -1 : 0;
    }
    if (parse_whole(x->arg[1], &offset) != 0) {
        refuse_request(x, "The offset in /links/{n}/{offset} must be a "
                          "whole number.");
        return 0;
    }
    response_reset(x->res, 200);
    r = buffer_puts(b, "<html><head><title>Links</title></head><body>");
    for (i = 0; i < n; i++) {
        if (i == offset)
            r |= buffer_printf(b, "%lld ", i);
        else
            r |= buffer_printf(b, "<a href=\"/links/%lld/%lld\">%lld</a> ", n,
                               i, i);
    }
    r |= buffer_puts(b, "</body></html>");
    if (r != 0)
        return -1;
    response_add(x->res, "Content-Type", media_type(MEDIA_HTML));
    return 0;
}
