/* images.c: the table of images behind server/images.h.
 *
 * The bytes come from images.inc, which the build writes with
 * tools/embed.c (the Makefile's $(IMAGES_INC) rule) and which is included
 * here rather than compiled apart: in this file each array's size is
 * known, so the table can hold plain lengths in a static initializer. */
#include <string.h>

#include "images.h"
#include "images.inc"

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
