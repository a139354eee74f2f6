/* test_images.c: the embedded images of httpstatus serve (server/images.c):
 * the table, the lookups, and that each file is what its media type says,
 * from the bytes every decoder looks at first. */
#include <stdint.h>
#include <string.h>

#include "harness.h"
#include "images.h"

#define IMAGE_SIDE 128   /* tools/make-images.py draws 128x128 */
#define IMAGE_MAX  10240 /* each image stays under 10 KiB */

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
           (uint32_t)p[3];
}

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

/* 1 when s[0..n) ends with the NUL-terminated tail. */
static int ends_with(const char *s, size_t n, const char *tail)
{
    size_t k = strlen(tail);

    return n >= k && memcmp(s + n - k, tail, k) == 0;
}

/* 1 when s[0..n) holds the NUL-terminated needle. */
static int holds(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle), i;

    for (i = 0; i + k <= n; i++)
        if (memcmp(s + i, needle, k) == 0)
            return 1;
    return 0;
}

static void the_list_is_in_preference_order(void)
{
    static const char *const order[IMAGE_COUNT][2] = {
        {"webp", "image/webp"},
        {"svg", "image/svg+xml"},
        {"jpeg", "image/jpeg"},
        {"png", "image/png"},
    };
    const struct image *list = image_list();
    size_t i;

    CHECK(list != NULL);
    for (i = 0; list != NULL && i < IMAGE_COUNT; i++) {
        CHECK(strcmp(list[i].ext, order[i][0]) == 0);
        CHECK(strcmp(list[i].media_type, order[i][1]) == 0);
        CHECK(list[i].data != NULL);
        CHECK(list[i].len > 0 && list[i].len < IMAGE_MAX);
        /* embed's NUL after the bytes. */
        CHECK(list[i].data[list[i].len] == '\0');
        CHECK(image_find(list[i].ext) == &list[i]);
    }
}

static void only_the_exact_names_are_found(void)
{
    static const char *const misses[] = {
        "",     "jpg",     "PNG",       "Png", "png ",  " png", "pn",
        "pngx", "svg+xml", "image/png", "gif", "webp/", ".png"};
    size_t i;

    for (i = 0; i < sizeof misses / sizeof misses[0]; i++)
        CHECK(image_find(misses[i]) == NULL);
    CHECK(image_find(NULL) == NULL);
    CHECK(image_find_n(NULL, 3) == NULL);
    CHECK(image_find_n(NULL, 0) == NULL);
    /* A slice of a longer path, as a handler holds it. */
    CHECK(image_find_n("png/extra", 3) == image_find("png"));
    CHECK(image_find_n("jpegs", 4) == image_find("jpeg"));
    CHECK(image_find_n("jpegs", 5) == NULL);
    CHECK(image_find_n("svg", 2) == NULL);
    CHECK(image_find_n("png\0", 4) == NULL);
}

static void the_png_is_a_128_pixel_square(void)
{
    const struct image *img = image_find("png");
    const unsigned char *p;

    CHECK(img != NULL && img->len > 33);
    if (img == NULL || img->len <= 33)
        return;
    p = (const unsigned char *)img->data;
    CHECK(memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0);
    CHECK(be32(p + 8) == 13 && memcmp(p + 12, "IHDR", 4) == 0);
    CHECK(be32(p + 16) == IMAGE_SIDE && be32(p + 20) == IMAGE_SIDE);
    CHECK(ends_with(img->data, img->len, "IEND\xae\x42\x60\x82"));
}

static void the_jpeg_starts_and_ends_as_jpeg_does(void)
{
    const struct image *img = image_find("jpeg");

    CHECK(img != NULL && img->len > 4);
    if (img == NULL || img->len <= 4)
        return;
    CHECK(memcmp(img->data, "\xff\xd8\xff", 3) == 0);  /* SOI, a marker */
    CHECK(ends_with(img->data, img->len, "\xff\xd9")); /* EOI */
}

static void the_webp_is_a_whole_riff_file(void)
{
    const struct image *img = image_find("webp");
    const unsigned char *p;

    CHECK(img != NULL && img->len > 16);
    if (img == NULL || img->len <= 16)
        return;
    p = (const unsigned char *)img->data;
    CHECK(memcmp(p, "RIFF", 4) == 0 && memcmp(p + 8, "WEBP", 4) == 0);
    CHECK(le32(p + 4) == img->len - 8); /* the RIFF size covers the rest */
    CHECK(memcmp(p + 12, "VP8", 3) == 0);
}

static void the_svg_is_one_svg_element_with_no_script(void)
{
    const struct image *img = image_find("svg");

    CHECK(img != NULL);
    if (img == NULL)
        return;
    CHECK(strncmp(img->data, "<svg xmlns=\"http://www.w3.org/2000/svg\"",
                  39) == 0);
    CHECK(ends_with(img->data, img->len, "</svg>\n"));
    CHECK(holds(img->data, img->len, "viewBox=\"0 0 128 128\""));
    CHECK(holds(img->data, img->len, "<title>"));
    CHECK(!holds(img->data, img->len, "<script"));
    CHECK(!holds(img->data, img->len, "href"));
    CHECK(strlen(img->data) == img->len); /* text: no NUL inside */
}

void test_images(void)
{
    run("the images are listed webp, svg, jpeg, png, each under 10 KiB",
        the_list_is_in_preference_order);
    run("image_find() takes only the exact names",
        only_the_exact_names_are_found);
    run("the PNG is a 128x128 PNG", the_png_is_a_128_pixel_square);
    run("the JPEG starts and ends as JPEG does",
        the_jpeg_starts_and_ends_as_jpeg_does);
    run("the WebP is a whole RIFF file", the_webp_is_a_whole_riff_file);
    run("the SVG is one svg element, with no script or link",
        the_svg_is_one_svg_element_with_no_script);
}
