/* images.h: the images `httpstatus serve` answers /image and /image/{ext}
 * with: our own "HTTP 200 OK" badge, drawn by tools/make-images.py into
 * server/images/ and embedded at build time by tools/embed.c. */
#ifndef HTTPSTATUS_IMAGES_H
#define HTTPSTATUS_IMAGES_H

#include <stddef.h>

/* One image: static data that lives as long as the program. */
struct image {
    const char *ext;        /* the name in /image/{ext}: "png" */
    const char *media_type; /* its Content-Type: "image/png" */
    const char *data;       /* len bytes (and a NUL after them) */
    size_t len;
};

/* How many images there are, the length of image_list(). */
#define IMAGE_COUNT 4

/* The images in the order a server prefers them when Accept ranks
 * several alike: image/webp, image/svg+xml, image/jpeg, image/png (the
 * order httpbin tries them in). The first IMAGE_COUNT entries of a static
 * array. */
const struct image *image_list(void);

/* The image whose ext is ext[0..n): "webp", "svg", "jpeg" or "png",
 * compared exactly (no "jpg", no capitals, as /image/{ext} in httpbin and
 * go-httpbin). NULL for anything else, ext NULL included. */
const struct image *image_find_n(const char *ext, size_t n);

/* The same for a NUL-terminated ext; NULL when ext is NULL. */
const struct image *image_find(const char *ext);

#endif
