/* http1.c: the HTTP/1.1 writer (RFC 9112): a protocol-neutral response
 * becomes bytes, with every framing rule in one place.
 *
 *  - Interim responses go first, each its status line, its fields and
 *    the empty line, but never to an HTTP/1.0 client, which cannot parse
 *    them (RFC 9110, Section 15.2).
 *  - The final head: the status line with the server's reason phrase,
 *    then Date (an IMF-fixdate of now) and Server unless the response set
 *    its own, then Connection: "close" when the connection ends after
 *    this response, "keep-alive" for an HTTP/1.0 client that keeps it,
 *    with "upgrade" first when the response carries Upgrade (a 426), and
 *    "upgrade" alone on a 101, after which the connection closes (the
 *    made-up protocol it switches to says nothing). Then the response's
 *    fields, in order, then the framing.
 *  - Framing: no content and no Content-Length on 1xx, 204 and 304; on
 *    205, Content-Length: 0 and no content (RFC 9110, Section 15.3.6);
 *    otherwise Content-Length. Generated content of unknown length goes
 *    chunked to HTTP/1.1 clients, and to HTTP/1.0 ones as it comes, the
 *    close ending it. HEAD gets GET's head and no content, and no
 *    framing for generated content of unknown length.
 *  - 408 always closes (RFC 9110, Section 15.5.9).
 *
 * Out of memory, every entry point leaves reply->out as it found it. */
#include <stdio.h>
#include <string.h>

#include "ascii.h"
#include "date.h"
#include "server.h"

#define SERVER_FIELD "Server: httpstatus/" HTTPSTATUS_VERSION_STRING "\r\n"

/* The field lines of one part of res. */
static int put_fields(struct buffer *b, const struct response *res, int part)
{
    size_t k;
    int r = 0;

    for (k = 0; k < res->nfields; k++) {
        const struct field *f = &res->fields[k];
        if (f->part != part)
            continue;
        r |= buffer_append(b, res->text + f->name, f->name_len);
        r |= buffer_append(b, ": ", 2);
        r |= buffer_append(b, res->text + f->value, f->value_len);
        r |= buffer_append(b, "\r\n", 2);
    }
    return r;
}

static int put_status_line(struct buffer *b, int status)
{
    int r = buffer_append(b, "HTTP/1.1 ", 9);

    r |= buffer_put_uint(b, (unsigned)status);
    r |= buffer_append(b, " ", 1);
    r |= buffer_puts(b, reason_of(status));
    return r | buffer_append(b, "\r\n", 2);
}

/* "Content-Length: N" and its CRLF. */
static int put_length(struct buffer *b, unsigned long long n)
{
    int r = buffer_append(b, "Content-Length: ", 16);

    r |= buffer_put_uint(b, n);
    return r | buffer_append(b, "\r\n", 2);
}

/* The faults sent as chunked content. */
static int chunks_content(enum fault_kind k)
{
    return k == FAULT_BAD_CHUNK || k == FAULT_MISSING_FINAL_CHUNK ||
           k == FAULT_LENGTH_AND_CHUNKED;
}

/* Every fault ends the connection after its reply, but the three that
 * keep a well-framed exchange going: stall, throttle (a slow response is
 * still a response) and length-mismatch (the client waits for the bytes
 * it was promised). */
static int fault_closes(enum fault_kind k)
{
    return k != FAULT_NONE && k != FAULT_STALL && k != FAULT_THROTTLE &&
           k != FAULT_LENGTH_MISMATCH;
}

static int put_chunk(struct buffer *b, const char *p, size_t n)
{
    int r = 0;

    if (n == 0)
        return 0;
    r |= buffer_printf(b, "%zx\r\n", n);
    r |= buffer_append(b, p, n);
    return r | buffer_append(b, "\r\n", 2);
}

/* The content as chunks, as a chunked fault sends it: bad-chunk in two,
 * the first half (rounded up) and the rest, whose size line is "xyz";
 * missing-final-chunk in one, without the last chunk; length-and-chunked
 * in one. A gathered stream of two pieces or more (pieces, where each
 * ends) goes a chunk a piece instead, bad-chunk's second piece under
 * "xyz". */
static int put_fault_chunks(struct buffer *b, enum fault_kind k, const char *p,
                            size_t n, const struct buffer *pieces)
{
    size_t count = pieces->len / sizeof(size_t), i, from = 0, to;
    int r = 0;

    if (count >= 2) {
        for (i = 0; i < count; i++) {
            memcpy(&to, pieces->data + i * sizeof to, sizeof to);
            if (to > n || to < from)
                return -1; /* not this content's pieces */
            if (k == FAULT_BAD_CHUNK && i == 1) {
                r |= buffer_puts(b, "xyz\r\n");
                r |= buffer_append(b, p + from, to - from);
                r |= buffer_append(b, "\r\n", 2);
            } else {
                r |= put_chunk(b, p + from, to - from);
            }
            from = to;
        }
        r |= put_chunk(b, p + from, n - from);
        if (k != FAULT_MISSING_FINAL_CHUNK)
            r |= buffer_puts(b, "0\r\n\r\n");
        return r;
    }
    if (k == FAULT_BAD_CHUNK) {
        size_t first = n - n / 2;
        r |= put_chunk(b, p, first);
        r |= buffer_puts(b, "xyz\r\n");
        r |= buffer_append(b, p + first, n - first);
        r |= buffer_puts(b, "\r\n0\r\n\r\n");
        return r;
    }
    r |= put_chunk(b, p, n);
    if (k != FAULT_MISSING_FINAL_CHUNK)
        r |= buffer_puts(b, "0\r\n\r\n");
    return r;
}

/* The faults that send no final response: reset and close send nothing,
 * no-final the response's interim responses (or a 100 Continue when it
 * has none), garbage its random bytes. */
static int put_no_final(struct buffer *b, const struct response *res)
{
    size_t k;
    int r = 0;

    switch (res->fault.kind) {
    case FAULT_NO_FINAL:
        if (res->ninterim == 0)
            return buffer_puts(b, "HTTP/1.1 100 Continue\r\n\r\n");
        for (k = 0; k < res->ninterim; k++) {
            r |= put_status_line(b, res->interim[k]);
            r |= put_fields(b, res, (int)k + 1);
            r |= buffer_append(b, "\r\n", 2);
        }
        return r;
    case FAULT_GARBAGE:
        if (buffer_reserve(b, res->fault.arg) != 0)
            return -1;
        fault_garbage(res->fault_bits, b->data + b->len, res->fault.arg);
        b->len += res->fault.arg;
        b->data[b->len] = '\0';
        return 0;
    case FAULT_NONE:
    case FAULT_RESET:
    case FAULT_CLOSE:
    case FAULT_CLOSE_AFTER_HEAD:
    case FAULT_TRUNCATE:
    case FAULT_STALL:
    case FAULT_THROTTLE:
    case FAULT_BAD_CHUNK:
    case FAULT_MISSING_FINAL_CHUNK:
    case FAULT_LENGTH_MISMATCH:
    case FAULT_DUPLICATE_LENGTH:
    case FAULT_LENGTH_AND_CHUNKED:
    case FAULT_BAD_STATUS_LINE:
    case FAULT_KEEPALIVE_CLOSE:
    case FAULT_KINDS:
        break;
    }
    return 0;
}

int http1_write(const struct request *req, const struct response *res,
                long long now, struct reply *reply)
{
    struct buffer *b;
    struct reply saved;
    const char *content;
    size_t start, clen, k, head_len;
    int status, r = 0, upgrade, keep, generated, send_content;
    int has_date = 0, has_server = 0, has_upgrade = 0;
    enum fault_kind fault;
    char date[HTTP_DATE_SIZE];

    if (req == NULL || res == NULL || reply == NULL || res->failed)
        return -1;
    b = &reply->out;
    saved = *reply;
    start = b->len;
    status = res->status;
    fault = res->fault.kind;
    content = response_content(res, &clen);
    generated = res->gen.next != NULL && !httpstatus_forbids_content(status);
    if (generated && fault_reframes(fault))
        return -1; /* reply_build() gathers such content first */
    send_content =
        !req->is_head && !httpstatus_forbids_content(status) && status != 205;

    if (!req->keep_alive || res->close || status == 408 || status == 101)
        reply->close = 1;
    reply->status = status;
    reply->sleep_ms = res->delay_ms;
    memset(&reply->gen, 0, sizeof reply->gen);
    reply->chunked = 0;
    reply->fault = res->fault;
    reply->paced = 0;

    if (fault == FAULT_RESET || fault == FAULT_CLOSE ||
        fault == FAULT_NO_FINAL || fault == FAULT_GARBAGE) {
        reply->close = 1;
        reply->connection_at = reply->connection_len = 0;
        r = put_no_final(b, res);
        goto done;
    }

    for (k = 0; k < res->ninterim && req->minor == 1; k++) {
        r |= put_status_line(b, res->interim[k]);
        r |= put_fields(b, res, (int)k + 1);
        r |= buffer_append(b, "\r\n", 2);
    }

    /* Room for a head with the usual fields at once. */
    r |= buffer_reserve(b, 512 + res->text_len + 4 * res->nfields);
    /* One pass over the fields for the three the writer looks for. */
    for (k = 0; k < res->nfields; k++) {
        const struct field *f = &res->fields[k];
        const char *name = res->text + f->name;
        if (f->part != 0)
            continue;
        if (f->name_len == 4 && same_nocase(name, "Date", 4))
            has_date = 1;
        else if (f->name_len == 6 && same_nocase(name, "Server", 6))
            has_server = 1;
        else if (f->name_len == 7 && same_nocase(name, "Upgrade", 7))
            has_upgrade = 1;
    }
    if (fault == FAULT_BAD_STATUS_LINE)
        r |= buffer_puts(b, "HTTP/1.1 2000 Broken\r\n");
    else
        r |= put_status_line(b, status);
    if (!has_date) {
        http_date(now, date, sizeof date);
        r |= buffer_append(b, "Date: ", 6);
        r |= buffer_append(b, date, HTTP_DATE_SIZE - 1);
        r |= buffer_append(b, "\r\n", 2);
    }
    if (!has_server)
        r |= buffer_append(b, SERVER_FIELD, sizeof SERVER_FIELD - 1);
    /* An HTTP/1.0 client gets close-delimited content without a length. */
    if (generated && res->length < 0 && req->minor == 0)
        reply->close = 1;
    upgrade = status == 101 || has_upgrade;
    keep = !reply->close && req->minor == 0;
    reply->connection_at = b->len;
    if (status == 101)
        r |= buffer_puts(b, "Connection: upgrade\r\n");
    else if (upgrade || reply->close || keep)
        r |= buffer_printf(b, "Connection: %s%s%s\r\n",
                           upgrade ? "upgrade" : "",
                           upgrade && (reply->close || keep) ? ", " : "",
                           reply->close ? "close"
                           : keep       ? "keep-alive"
                                        : "");
    reply->connection_len = b->len - reply->connection_at;
    if (status == 101)
        reply->connection_at = reply->connection_len = 0; /* stays as is */
    r |= put_fields(b, res, 0);

    if (httpstatus_forbids_content(status)) {
        /* no framing at all */
    } else if (status == 205) {
        r |= buffer_puts(b, "Content-Length: 0\r\n");
    } else if (generated) {
        if (res->length >= 0)
            r |= put_length(b, (unsigned long long)res->length);
        else if (req->minor == 1 && !req->is_head)
            r |= buffer_puts(b, "Transfer-Encoding: chunked\r\n");
        if (!req->is_head) {
            reply->gen = res->gen;
            reply->chunked = res->length < 0 && req->minor == 1;
        }
    } else if (chunks_content(fault)) {
        if (fault == FAULT_LENGTH_AND_CHUNKED)
            r |= put_length(b, clen);
        r |= buffer_puts(b, "Transfer-Encoding: chunked\r\n");
    } else {
        r |= put_length(
            b, clen + (fault == FAULT_LENGTH_MISMATCH ? res->fault.arg : 0));
        if (fault == FAULT_DUPLICATE_LENGTH)
            r |= put_length(b, clen + 1);
    }
    r |= buffer_append(b, "\r\n", 2);
    head_len = b->len - start;
    if (fault == FAULT_CLOSE_AFTER_HEAD)
        memset(&reply->gen, 0, sizeof reply->gen);
    else if (send_content && !generated && chunks_content(fault))
        r |= put_fault_chunks(b, fault, content, clen, &res->pieces);
    else if (send_content && !generated && clen > 0)
        r |= buffer_append(b, content, clen);

    if (fault == FAULT_TRUNCATE || fault == FAULT_STALL ||
        fault == FAULT_THROTTLE) {
        reply->paced = 1;
        reply->pace.limit = UINT64_MAX;
        reply->pace.pause_at = 0;
        reply->pace.pause_ms = 0;
        reply->pace.rate = 0;
        if (fault == FAULT_TRUNCATE) {
            reply->pace.limit = head_len + res->fault.arg;
        } else if (fault == FAULT_STALL) {
            /* Halfway through the content, or right after the head for
             * content whose length is not known. */
            size_t half = !send_content ? 0
                          : generated
                              ? (res->length > 0 ? (size_t)res->length / 2 : 0)
                              : clen / 2;
            reply->pace.pause_at = head_len + half;
            reply->pace.pause_ms = res->fault.arg;
        } else {
            reply->pace.rate = res->fault.arg;
        }
    }
    if (fault_closes(fault))
        reply->close = 1;

done:
    if (r != 0) {
        size_t len = start;
        *reply = saved;
        reply->out.len = len;
        if (reply->out.data != NULL)
            reply->out.data[len] = '\0';
        return -1;
    }
    return 0;
}

int reply_build(const struct request *req, const struct serve_options *opt,
                long long now, uint64_t *rng, struct reply *reply)
{
    struct response res;
    int r;

    if (req == NULL || opt == NULL || rng == NULL || reply == NULL)
        return -1;
    /* Not zeroed whole: its field text is 8 KiB, written only as used. */
    memset(&res.body, 0, sizeof res.body);
    memset(&res.pieces, 0, sizeof res.pieces);
    r = route_respond(req, opt, now, rng, &res);
    if (r == 0 && fault_reframes(res.fault.kind))
        r = response_gather(&res);
    if (r == 0 && res.failed)
        r = -1;
    if (r == 0)
        r = http1_write(req, &res, now, reply);
    if (r == 0 && reply->gen.next != NULL) {
        /* The generator may read the body: it goes with the reply. */
        buffer_free(&reply->held);
        reply->held = res.body;
        memset(&res.body, 0, sizeof res.body);
    }
    response_free(&res);
    return r;
}

int reply_next_piece(struct reply *reply)
{
    struct buffer piece = {NULL, 0, 0};
    size_t start;
    int more, r = 0;

    if (reply == NULL || reply->gen.next == NULL)
        return 0;
    start = reply->out.len;
    more = reply->gen.next(&reply->gen, &piece);
    if (more < 0) {
        buffer_free(&piece);
        return -1;
    }
    if (reply->chunked) {
        if (piece.len > 0) {
            r |= buffer_printf(&reply->out, "%zx\r\n", piece.len);
            r |= buffer_append(&reply->out, piece.data, piece.len);
            r |= buffer_append(&reply->out, "\r\n", 2);
        }
        if (!more)
            r |= buffer_puts(&reply->out, "0\r\n\r\n");
    } else if (piece.len > 0) {
        r |= buffer_append(&reply->out, piece.data, piece.len);
    }
    buffer_free(&piece);
    if (r != 0) {
        reply->out.len = start;
        return -1;
    }
    if (!more)
        reply_drop(reply);
    return more;
}

void reply_drop(struct reply *reply)
{
    memset(&reply->gen, 0, sizeof reply->gen);
    buffer_free(&reply->held);
}

int reply_close(struct reply *reply)
{
    static const char upgrade[] = "Connection: upgrade";
    const char *field = "Connection: close\r\n";
    struct buffer *b;
    size_t at, old, n;

    if (reply == NULL || reply->close)
        return 0;
    reply->close = 1;
    b = &reply->out;
    at = reply->connection_at;
    old = reply->connection_len;
    if (at == 0 || at + old > b->len)
        return 0;
    /* A 426 names the protocol it wants in Upgrade, which Connection must
     * list; a 101 closes already. */
    if (old >= sizeof upgrade - 1 &&
        memcmp(b->data + at, upgrade, sizeof upgrade - 1) == 0)
        field = "Connection: upgrade, close\r\n";
    n = strlen(field);
    if (n > old && buffer_reserve(b, n - old) != 0)
        return -1;
    memmove(b->data + at + n, b->data + at + old, b->len - at - old);
    memcpy(b->data + at, field, n);
    b->len = b->len + n - old;
    b->data[b->len] = '\0';
    reply->connection_len = n;
    return 0;
}

int reply_error(int status, const char *text, long long now,
                struct reply *reply)
{
    static const struct {
        int status;
        const char *text;
    } texts[] = {
        {400, "The request is malformed: its request line, a header field "
              "or its framing breaks HTTP/1.1's syntax (RFC 9112).\n"},
        {408, "The request did not arrive in time.\n"},
        {413, "The request's content is larger than this server accepts "
              "(its --max-body).\n"},
        {414, "The request line is longer than this server accepts (8000 "
              "bytes).\n"},
        {417, "The request expects something other than 100-continue, the "
              "only expectation this server meets.\n"},
        {431, "The header section is larger than this server accepts (16384 "
              "bytes, or 100 fields).\n"},
        {500, "The server could not build the reply.\n"},
        {501, "The request uses a method or a transfer coding that this "
              "server does not implement.\n"},
        {505, "This server speaks HTTP/1.0 and HTTP/1.1 only.\n"},
    };
    static const struct request closing; /* HTTP/1.0, not keep-alive */
    struct response res;
    size_t k;
    int r;

    if (reply == NULL)
        return -1;
    if (status < 400 || status > 599)
        status = 500;
    for (k = 0; k < sizeof texts / sizeof texts[0] && text == NULL; k++)
        if (texts[k].status == status)
            text = texts[k].text;
    if (text == NULL)
        text = "The request was refused.\n";
    memset(&res, 0, sizeof res);
    respond_error(&res, NULL, status, text);
    response_cors(&res, NULL);
    res.close = 1;
    r = http1_write(&closing, &res, now, reply);
    response_free(&res);
    return r;
}
