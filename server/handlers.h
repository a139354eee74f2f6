/* handlers.h: every endpoint's handler, by the file of its family. The
 * route table (route.c) names them; adding an endpoint is a function in
 * its family's file, its line here and its row in the table. */
#ifndef HTTPSTATUS_HANDLERS_H
#define HTTPSTATUS_HANDLERS_H

#include "server.h"

/* codes.c: any status code. */
handler_fn handle_code;   /* /{code} */
handler_fn handle_random; /* /random/{list} */

/* Answers as /{code} answers for code (100 to 599). */
int respond_status(struct exchange *x, int code);

/* "3 digits, the first 1 to 5": the code, or -1. */
int parse_status_code(const char *p, size_t n);

/* reference.c: the page, the registry as JSON, the index, health. */
handler_fn handle_page;       /* / */
handler_fn handle_index;      /* /index.txt */
handler_fn handle_healthz;    /* /healthz */
handler_fn handle_codes_json; /* /codes.json */
handler_fn handle_code_json;  /* /codes/{code}.json */

/* echo.c: the request, echoed as JSON. */
handler_fn handle_get;              /* /get, /head */
handler_fn handle_echo_body;        /* /post, /put, /patch, /delete,
                                       /anything[/...] */
handler_fn handle_headers;          /* /headers */
handler_fn handle_ip;               /* /ip */
handler_fn handle_user_agent;       /* /user-agent */
handler_fn handle_hostname;         /* /hostname */
handler_fn handle_response_headers; /* /response-headers */

/* codings.c: the echo, content-coded. */
handler_fn handle_gzip;    /* /gzip */
handler_fn handle_deflate; /* /deflate */
handler_fn handle_brotli;  /* /brotli */

/* images.c: our images. */
handler_fn handle_image;     /* /image, by Accept */
handler_fn handle_image_ext; /* /image/{png,jpeg,webp,svg} */

/* The 404 of a path no route matches, with the index. */
int respond_not_found(struct exchange *x);

#endif
