/* images.c: the table of images behind server/images.h, and /image and
 * /image/{ext}, which serve them.
 *
 * The bytes come from images.inc, which the build writes with
 * tools/embed.c (the Makefile's $(IMAGES_INC) rule) and which is included
 * here rather than compiled apart: in this file each array's size is
 * known, so the table can hold plain lengths in a static initializer. */
#include <string.h>

#include "handlers.h"
#include "images.h"
#include "images.inc"
#include "server.h"

/* sizeof counts the NUL that embed adds after the bytes. */
#define IMAGE(ext, type, array)                                               \
    {                                                                         \
        ext, type, array, sizeof array - 1                                    \
    }

static const struct image images[IMAGE_COUNT] = {
    IMAGE("webp", "image/webp", httpstatus__image_webp),
    IMAGE("svg", "image/svg+xml", httpstatus__image_svg),
    IMAGE("jpeg", "image/jpeg", httpstatus__image_jpeg),
    IMAGE("png", "image/png", httpstatus__image_png),
};

const struct image *image_list(void)
{
    return images;
}

const struct image *image_find_n(const char *ext, size_t n)
{
    size_t i;

    if (ext == NULL)
        return NULL;
    for (i = 0; i < IMAGE_COUNT; i++)
        if (strlen(images[i].ext) == n && memcmp(images[i].ext, ext, n) == 0)
            return &images[i];
    return NULL;
}

const struct image *image_find(const char *ext)
{
    return ext != NULL ? image_find_n(ext, strlen(ext)) : NULL;
}

/* ------------------------------------------------------------ handlers */

/* /image/{ext}: that image, whatever Accept says. */
int handle_image_ext(struct exchange *x)
{
    const struct image *img = image_find_n(x->arg[0].p, x->arg[0].n);

    if (img == NULL)
        return respond_not_found(x);
    response_reset(x->res, 200);
    response_static(x->res, img->media_type, img->data, img->len);
    return 0;
}

/* /image: the image Accept prefers (RFC 9110, Section 12.5.1): the
 * highest q, then the most specific range, then png, webp, svg, jpeg
 * (go-httpbin's order), so that no Accept, image/ *, and * / * all give
 * png, as in both httpbins. When no image is acceptable, 406 (where
 * go-httpbin says 415, which is about the request's own content). */
int handle_image(struct exchange *x)
{
    static const char *const order[] = {"png", "webp", "svg", "jpeg"};
    const struct image *best = NULL;
    int best_q = 0, best_spec = -2;
    size_t k;

    for (k = 0; k < sizeof order / sizeof order[0]; k++) {
        const struct image *img = image_find(order[k]);
        const char *sub = strchr(img->media_type, '/') + 1;
        int spec, q = accept_quality(x->req->accept, "image", sub, &spec);
        if (q > best_q || (q == best_q && q > 0 && spec > best_spec)) {
            best = img;
            best_q = q;
            best_spec = spec;
        }
    }
    if (best == NULL) {
        respond_error(x->res, x->req, 406,
                      "None of the images is acceptable: they are "
                      "image/png, image/webp, image/svg+xml and "
                      "image/jpeg.\n");
        return 0;
    }
    response_reset(x->res, 200);
    response_static(x->res, best->media_type, best->data, best->len);
    response_add(x->res, "Vary", "Accept");
    return 0;
}
