// tests/web/page.test.mjs: browser tests of the reference page that
// `httpstatus serve` answers at /, and of the routes it stands on.
//
//   sh tests/web/run.sh build/httpstatus        (starts the server itself)
//
// or by hand, against a server that is already running on 127.0.0.1:
//
//   HTTPSTATUS_URL=http://127.0.0.1:PORT HTTPSTATUS_BINARY=build/httpstatus \
//     node --test tests/web/page.test.mjs
//
// The page is driven by playwright-core with Debian's Chromium
// (/usr/bin/chromium); no browser is ever downloaded. Screenshots go to
// tests/web/artifacts/. Only 127.0.0.1 is ever contacted.
//
// The DOM contract tested here:
//   #search (input type=search, labelled), button.chip[data-class=1..5]
//   with aria-pressed, input#show-unofficial, #count "Showing N of M status
//   codes", #empty, article.card (id "429", or "419-page-expired" with
//   data-kind="unofficial" for unofficial codes; `hidden` when it does not
//   match) in section.class-group[data-class], a.try href "/429",
//   button.more[aria-expanded] toggling p.description, class "highlight"
//   on the card the URL's hash names.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const ARTIFACTS = join(here, 'artifacts');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const BASE = (process.env.HTTPSTATUS_URL || '').replace(/\/+$/, '');
const BINARY = process.env.HTTPSTATUS_BINARY || '';
const TIMEOUT = { timeout: 60_000 };

{
    let u;
    try {
        u = new URL(BASE);
    } catch {
        throw new Error('HTTPSTATUS_URL must be http://127.0.0.1:PORT (run tests/web/run.sh)');
    }
    if (u.protocol !== 'http:' || u.hostname !== '127.0.0.1' || !u.port)
        throw new Error(`HTTPSTATUS_URL must be http://127.0.0.1:PORT, not ${BASE}`);
    if (!BINARY) throw new Error('HTTPSTATUS_BINARY must name the httpstatus binary');
}

const url = (path) => BASE + path;

// ------------------------------------------------------------ shared state

let persistent; // the one Chromium, launched once for the file
let browser;
let profile; // its fresh user-data-dir
let codes; // GET /codes.json, fetched once
let registered; // the entries with official true
let registeredCodes; // their codes, as strings, in order

// Everything the pages said or did wrong, over the whole run; the last test
// asserts it is empty. The Try-it checks go through page.request, whose
// responses are not page events, so their deliberate 5xx never land here.
const problems = [];

before(async () => {
    const r = await fetch(url('/codes.json'));
    assert.equal(r.status, 200, 'GET /codes.json');
    codes = await r.json();
    registered = codes.filter((e) => e.official === true);
    registeredCodes = registered.map((e) => String(e.code));

    profile = mkdtempSync(join(tmpdir(), 'httpstatus-web-'));
    persistent = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-proxy-server', // 127.0.0.1 directly, whatever the environment says
        ],
    });
    browser = persistent.browser();
    mkdirSync(ARTIFACTS, { recursive: true });
});

after(async () => {
    if (persistent) await persistent.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
});

// ----------------------------------------------------------------- helpers

// A new context (own viewport, colour scheme, storage) and page, with every
// request recorded and every error collected, loaded at `path` and waited
// on until the cards are there.
async function open(path, t, { viewport = { width: 1280, height: 900 }, colorScheme = 'light', route } = {}) {
    const context = await browser.newContext({ viewport, colorScheme });
    context.setDefaultTimeout(10_000);
    t.after(() => context.close());
    const page = await context.newPage();
    const requests = [];
    const where = `${t.name} (${path})`;
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`${where}: console error: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`${where}: page error: ${e.message}`));
    page.on('requestfailed', (r) =>
        problems.push(`${where}: request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`),
    );
    page.on('response', (r) => {
        if (r.status() >= 400) problems.push(`${where}: ${r.status()} for ${r.url()}`);
    });
    if (route) await page.route(route.match, route.handler);
    await page.goto(url(path));
    await ready(page);
    return { page, context, requests };
}

async function ready(page) {
    await page.waitForFunction(
        () =>
            /^Showing \d+ of \d+ status codes$/.test(
                (document.querySelector('#count')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
            ) && document.querySelector('article.card') !== null,
    );
}

async function countText(page) {
    return (await page.locator('#count').textContent()).replace(/\s+/g, ' ').trim();
}

function parseCount(text) {
    const m = /^Showing (\d+) of (\d+) status codes$/.exec(text);
    assert.ok(m, `#count says "${text}"`);
    return { n: Number(m[1]), m: Number(m[2]) };
}

// Waits until #count says `text` (the page may debounce its input).
async function waitCount(page, text) {
    try {
        await page.waitForFunction(
            (want) => (document.querySelector('#count')?.textContent ?? '').replace(/\s+/g, ' ').trim() === want,
            text,
            { timeout: 5_000 },
        );
    } catch {
        assert.equal(await countText(page), text, '#count');
    }
}

// Waits until #count's first number stops being `before`, then returns it.
async function waitCountChange(page, before) {
    await page
        .waitForFunction(
            (b) => (document.querySelector('#count')?.textContent ?? '').replace(/\s+/g, ' ').trim() !== b,
            before,
            { timeout: 5_000 },
        )
        .catch(() => {});
    return parseCount(await countText(page));
}

// The ids of the cards without the hidden attribute, in document order.
async function shownIds(page) {
    return page.evaluate(() => [...document.querySelectorAll('article.card')].filter((c) => !c.hidden).map((c) => c.id));
}

// The count's N is the number of cards shown.
async function assertCountMatches(page) {
    const c = parseCount(await countText(page));
    const ids = await shownIds(page);
    assert.equal(c.n, ids.length, `#count says ${c.n} shown; ${ids.length} cards lack the hidden attribute`);
    return { ...c, ids };
}

const codeOf = (id) => Number(String(id).slice(0, 3));

async function type(page, text) {
    await page.locator('#search').fill(text);
}

async function chip(page, k) {
    return page.locator(`button.chip[data-class="${k}"]`);
}

async function pressedChips(page) {
    return page.evaluate(() =>
        [...document.querySelectorAll('button.chip')].map((b) => [b.dataset.class, b.getAttribute('aria-pressed')]),
    );
}

// WCAG relative luminance of a CSS rgb()/rgba() colour.
function luminance(css) {
    const m = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/.exec(css);
    assert.ok(m, `a colour: ${css}`);
    const lin = (v) => {
        const c = Number(v) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(m[1]) + 0.7152 * lin(m[2]) + 0.0722 * lin(m[3]);
}

// The body's background colour, or the root's when the body's is
// transparent (what a person sees behind the body).
async function background(page) {
    return page.evaluate(() => {
        const clear = (c) => c === 'transparent' || /rgba\(.*,\s*0\)$/.test(c);
        const b = getComputedStyle(document.body).backgroundColor;
        if (!clear(b)) return { from: 'body', color: b };
        return { from: 'html', color: getComputedStyle(document.documentElement).backgroundColor };
    });
}

function pngSize(file) {
    const b = readFileSync(file);
    assert.equal(b.subarray(1, 4).toString('latin1'), 'PNG', `${file} is a PNG`);
    return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

// ------------------------------------------------------------ the HTTP side

test('http: GET / is the HTML page with ETag and Cache-Control', TIMEOUT, async () => {
    const r = await fetch(url('/'), { headers: { Accept: 'text/html' } });
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /^text\/html\b/, 'Content-Type');
    const etag = r.headers.get('etag');
    assert.ok(etag, 'an ETag');
    assert.match(etag, /^(W\/)?"[\x21\x23-\x7e\x80-\xff]*"$/, 'ETag is an entity-tag');
    assert.ok(r.headers.get('cache-control'), 'a Cache-Control');
    const body = await r.text();
    assert.match(body, /<input[^>]*id="search"/, 'the page has the search input');
});

test('http: If-None-Match with that ETag answers 304 with no body', TIMEOUT, async () => {
    const first = await fetch(url('/'), { headers: { Accept: 'text/html' } });
    await first.arrayBuffer();
    const etag = first.headers.get('etag');
    assert.ok(etag, 'an ETag on GET /');
    const r = await fetch(url('/'), { headers: { Accept: 'text/html', 'If-None-Match': etag } });
    assert.equal(r.status, 304);
    assert.equal((await r.arrayBuffer()).byteLength, 0, 'no body');
    // RFC 9110, 15.4.5: the 304 carries the ETag and Cache-Control a 200 would.
    assert.equal(r.headers.get('etag'), etag, 'the 304 repeats the ETag');
    assert.equal(r.headers.get('cache-control'), first.headers.get('cache-control'), 'the 304 repeats Cache-Control');
});

test('http: If-None-Match in a list, or *, also answers 304; another tag gets 200', TIMEOUT, async () => {
    const first = await fetch(url('/'), { headers: { Accept: 'text/html' } });
    await first.arrayBuffer();
    const etag = first.headers.get('etag');
    assert.ok(etag, 'an ETag on GET /');
    const list = await fetch(url('/'), { headers: { Accept: 'text/html', 'If-None-Match': `"nope", ${etag}` } });
    await list.arrayBuffer();
    assert.equal(list.status, 304, `If-None-Match: "nope", ${etag}`);
    const star = await fetch(url('/'), { headers: { Accept: 'text/html', 'If-None-Match': '*' } });
    await star.arrayBuffer();
    assert.equal(star.status, 304, 'If-None-Match: *');
    const other = await fetch(url('/'), { headers: { Accept: 'text/html', 'If-None-Match': '"not-the-tag"' } });
    assert.equal(other.status, 200, 'If-None-Match: "not-the-tag"');
    assert.ok((await other.text()).length > 0, 'with the page');
});

test('http: GET /codes.json agrees code for code with `httpstatus list --all --json`', TIMEOUT, async () => {
    const r = await fetch(url('/codes.json'));
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /^application\/json\b/);
    const served = await r.json();
    const { stdout } = await promisify(execFile)(BINARY, ['list', '--all', '--json'], { maxBuffer: 64 << 20 });
    const listed = JSON.parse(stdout);
    const pick = (e) => ({ code: e.code, reason: e.reason, kind: e.kind, vendor: e.vendor });
    assert.ok(Array.isArray(served) && served.length > 0, 'an array of entries');
    assert.deepEqual(served.map(pick), listed.map(pick));
    assert.ok(
        served.every((e) => typeof e.official === 'boolean'),
        'every entry says official true or false',
    );
});

test('http: GET /codes.json allows any origin', TIMEOUT, async () => {
    // The origin is named back, with credentials allowed; without an
    // Origin field the answer is "*".
    const r = await fetch(url('/codes.json'), { headers: { Origin: 'http://example.test' } });
    await r.arrayBuffer();
    assert.equal(r.headers.get('access-control-allow-origin'), 'http://example.test');
    assert.equal(r.headers.get('access-control-allow-credentials'), 'true');
    const plain = await fetch(url('/codes.json'));
    await plain.arrayBuffer();
    assert.equal(plain.headers.get('access-control-allow-origin'), '*');
});

test('http: GET /codes.json honours its own ETag, when it has one', TIMEOUT, async (t) => {
    const r = await fetch(url('/codes.json'));
    await r.arrayBuffer();
    const etag = r.headers.get('etag');
    if (!etag) return t.skip('/codes.json has no ETag');
    const again = await fetch(url('/codes.json'), { headers: { 'If-None-Match': etag } });
    assert.equal(again.status, 304);
    assert.equal((await again.arrayBuffer()).byteLength, 0, 'no body');
});

test('http: GET /codes/404.json is the 404 entry of /codes.json', TIMEOUT, async () => {
    const r = await fetch(url('/codes/404.json'));
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /^application\/json\b/);
    assert.equal(r.headers.get('access-control-allow-origin'), '*', 'Access-Control-Allow-Origin');
    const got = await r.json();
    const want = codes.find((e) => e.code === 404 && e.official);
    assert.deepEqual(got, want);
});

// ---------------------------------------------------------------- the page

test('page: on load the count says every registered code', TIMEOUT, async (t) => {
    const { page } = await open('/', t);
    const total = registered.length;
    assert.equal(await countText(page), `Showing ${total} of ${total} status codes`);
    const { ids } = await assertCountMatches(page);
    assert.deepEqual([...ids].sort(), [...registeredCodes].sort(), 'one shown card per registered code, id = the code');
    assert.equal(await page.locator('#empty').isVisible(), false, '#empty is hidden');
    assert.equal(await page.locator('#show-unofficial').isChecked(), false, 'unofficial codes are off');
    assert.deepEqual(
        await pressedChips(page),
        ['1', '2', '3', '4', '5'].map((k) => [k, 'false']),
        'five chips, none pressed',
    );
    // the search input is a labelled search box
    const search = await page.evaluate(() => {
        const s = document.querySelector('#search');
        return s && { type: s.getAttribute('type'), labels: [...(s.labels ?? [])].map((l) => l.textContent.trim()) };
    });
    assert.ok(search, '#search exists');
    assert.equal(search.type, 'search');
    assert.ok(search.labels.some((l) => l.length > 0), `#search has a label with text: ${JSON.stringify(search.labels)}`);
    // every card sits in the group of its class
    const misplaced = await page.evaluate(() =>
        [...document.querySelectorAll('article.card')]
            .filter((c) => c.closest('section.class-group')?.dataset.class !== c.id[0])
            .map((c) => c.id),
    );
    assert.deepEqual(misplaced, [], 'cards outside section.class-group[data-class] of their class');
    assert.equal(await page.locator('section.class-group').count(), 5, 'five class groups');
});

test('page: typing "teapot" leaves 418 alone', TIMEOUT, async (t) => {
    const { page } = await open('/', t);
    await type(page, 'teapot');
    await waitCount(page, `Showing 1 of ${registered.length} status codes`);
    const { ids } = await assertCountMatches(page);
    assert.deepEqual(ids, ['418']);
    assert.ok(await page.locator('[id="418"]').isVisible(), 'card 418 is visible');
    assert.equal(await page.locator('#empty').isVisible(), false, '#empty stays hidden');
});

test('page: "rate" finds 429', TIMEOUT, async (t) => {
    const { page } = await open('/', t);
    const before = await countText(page);
    await type(page, 'rate');
    await waitCountChange(page, before);
    const { ids, m } = await assertCountMatches(page);
    assert.ok(ids.includes('429'), `429 among ${JSON.stringify(ids)}`);
    assert.ok(ids.length < registered.length, 'the search narrowed the list');
    assert.equal(m, registered.length);
    assert.ok(await page.locator('[id="429"]').isVisible(), 'card 429 is visible');
});

test('page: the 4xx chip shows client errors only', TIMEOUT, async (t) => {
    const { page } = await open('/', t);
    const want = registered.filter((e) => e.code >= 400 && e.code < 500).length;
    const c4 = await chip(page, 4);
    await c4.click();
    assert.equal(await c4.getAttribute('aria-pressed'), 'true');
    await waitCount(page, `Showing ${want} of ${registered.length} status codes`);
    const { ids } = await assertCountMatches(page);
    const outside = ids.filter((id) => codeOf(id) < 400 || codeOf(id) > 499);
    assert.deepEqual(outside, [], 'no shown card outside 400-499');
    assert.equal(ids.length, want);
    assert.deepEqual(
        (await pressedChips(page)).filter(([, p]) => p === 'true').map(([k]) => k),
        ['4'],
        'only 4xx is pressed',
    );
    // pressing it again lets every class back
    await c4.click();
    assert.equal(await c4.getAttribute('aria-pressed'), 'false');
    await waitCount(page, `Showing ${registered.length} of ${registered.length} status codes`);
    await assertCountMatches(page);
});

test('page: a chip and the search combine', TIMEOUT, async (t) => {
    const { page } = await open('/', t);
    const before = await countText(page);
    await type(page, 'timeout');
    await waitCountChange(page, before);
    const searched = (await assertCountMatches(page)).ids;
    assert.ok(searched.includes('408') && searched.includes('504'), `408 and 504 among ${JSON.stringify(searched)}`);
    const c5 = await chip(page, 5);
    await c5.click();
    const want = searched.filter((id) => id[0] === '5');
    await waitCount(page, `Showing ${want.length} of ${registered.length} status codes`);
    const { ids } = await assertCountMatches(page);
    assert.deepEqual(ids, want, 'the 5xx cards the search found, and only those');
    assert.equal(await page.locator('#search').inputValue(), 'timeout', 'the search text stays');
    await c5.click();
    await waitCount(page, `Showing ${searched.length} of ${registered.length} status codes`);
    assert.deepEqual((await assertCountMatches(page)).ids, searched, 'un-pressing the chip restores the search alone');
});

test('page: the URL keeps the state', TIMEOUT, async (t) => {
    const { page } = await open('/', t);
    await page.locator('#search').pressSequentially('teapot');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === 'teapot', null, {
        timeout: 5_000,
    }).catch(() => {});
    assert.equal(
        await page.evaluate(() => new URLSearchParams(location.search).get('q')),
        'teapot',
        'location.search has q=teapot after typing',
    );
    await (await chip(page, 4)).click();
    await page.waitForFunction(() => new URLSearchParams(location.search).get('class') === '4', null, {
        timeout: 5_000,
    }).catch(() => {});
    assert.equal(
        await page.evaluate(() => new URLSearchParams(location.search).get('class')),
        '4',
        'location.search has class=4 after pressing the 4xx chip',
    );

    // a fresh page at that URL comes back in that state
    const again = (await open('/?q=teapot&class=4', t)).page;
    assert.equal(await again.locator('#search').inputValue(), 'teapot', 'the input holds the query');
    assert.deepEqual(
        await pressedChips(again),
        ['1', '2', '3', '4', '5'].map((k) => [k, k === '4' ? 'true' : 'false']),
        'the 4xx chip, and only it, is pressed',
    );
    await waitCount(again, `Showing 1 of ${registered.length} status codes`);
    assert.deepEqual((await assertCountMatches(again)).ids, ['418']);
});

// The card with this id is highlighted, shown, scrolled into the viewport
// (all of it, or its top when it is taller than the viewport), not covered
// at its top, and the only card highlighted.
async function assertTargeted(page, id) {
    const card = page.locator(`[id="${id}"]`);
    await page
        .waitForFunction((i) => document.getElementById(i)?.classList.contains('highlight'), id, { timeout: 5_000 })
        .catch(() => {});
    assert.ok(await card.evaluate((c) => c.classList.contains('highlight')), `card ${id} has class highlight`);
    assert.ok(await card.isVisible(), `card ${id} is visible`);
    // the scroll may be smooth: wait for it to settle inside the viewport
    const inView = () =>
        page.evaluate((i) => {
            const r = document.getElementById(i).getBoundingClientRect();
            const bottom = r.height <= innerHeight ? r.bottom : r.top;
            return r.height > 0 && r.top >= 0 && bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth;
        }, id);
    const deadline = Date.now() + 5_000;
    while (!(await inView()) && Date.now() < deadline) await page.waitForTimeout(100);
    const box = await card.boundingBox();
    const vp = page.viewportSize();
    assert.ok(box, `card ${id} has a box`);
    const bottom = box.height <= vp.height ? box.y + box.height : box.y;
    assert.ok(
        box.y >= 0 && bottom <= vp.height && box.x >= 0 && box.x + box.width <= vp.width,
        `card ${id} at ${JSON.stringify(box)} lies within the ${vp.width}x${vp.height} viewport`,
    );
    // and nothing (a sticky header, say) covers the card's top
    const onTop = await page.evaluate((i) => {
        const c = document.getElementById(i);
        const r = c.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + 8);
        return hit === c || c.contains(hit) ? null : (hit?.outerHTML ?? 'nothing').slice(0, 120);
    }, id);
    assert.equal(onTop, null, `the top of card ${id} is not covered`);
    assert.deepEqual(
        await page.evaluate(() => [...document.querySelectorAll('.highlight')].map((e) => e.id)),
        [id],
        'one card is highlighted',
    );
}

test('page: /#404 scrolls to 404 and highlights it', TIMEOUT, async (t) => {
    for (const viewport of [
        { width: 1280, height: 900 },
        { width: 390, height: 844 },
    ]) {
        const { page } = await open('/#404', t, { viewport });
        await assertTargeted(page, '404');
        assert.ok((await page.evaluate(() => scrollY)) > 0, `the page scrolled (${viewport.width} px)`);
    }
});

test('page: a new hash moves the highlight', TIMEOUT, async (t) => {
    const { page } = await open('/#404', t);
    await assertTargeted(page, '404');
    await page.evaluate(() => {
        location.hash = '#503';
    });
    await assertTargeted(page, '503');
});

test('page: /#419-page-expired shows, scrolls to and highlights that vendor card', TIMEOUT, async (t) => {
    const { page } = await open('/#419-page-expired', t);
    await assertTargeted(page, '419-page-expired');
    const c = parseCount(await countText(page));
    assert.ok(c.n >= 1, 'the count counts it');
});

test('page: the "Try it" links answer with their status', TIMEOUT, async (t) => {
    const { page } = await open('/', t);
    assert.equal(await page.locator('[id="429"] a.try').getAttribute('href'), '/429');
    const href = await page.locator('[id="503"] a.try').getAttribute('href');
    assert.equal(href, '/503');
    const r = await page.request.get(new URL(href, url('/')).href, { maxRedirects: 0 });
    assert.equal(r.status(), 503, `GET ${href}`);
    // every shown card has one, pointing at its own code
    const wrong = await page.evaluate(() =>
        [...document.querySelectorAll('article.card')]
            .filter((c) => c.querySelector('a.try')?.getAttribute('href') !== '/' + c.id.slice(0, 3))
            .map((c) => c.id),
    );
    assert.deepEqual(wrong, [], 'cards whose a.try href is not /CODE');
});

test('page: the unofficial toggle shows vendor codes', TIMEOUT, async (t) => {
    const { page } = await open('/', t);
    const vendorCard = page.locator('[id="419-page-expired"]');
    assert.equal(await vendorCard.isVisible(), false, '419-page-expired is not shown at first');
    await page.locator('#show-unofficial').check();
    await waitCount(page, `Showing ${codes.length} of ${codes.length} status codes`);
    const { ids, m } = await assertCountMatches(page);
    assert.ok(m > registered.length, "the count's M grew");
    assert.ok(ids.includes('419-page-expired'), '419-page-expired among the shown cards');
    assert.ok(await vendorCard.isVisible(), '419-page-expired is visible');
    assert.equal(await vendorCard.getAttribute('data-kind'), 'unofficial');
    // one card per entry, the registered ones by code, the others by code-slug
    const unofficialIds = await page.evaluate(() =>
        [...document.querySelectorAll('article.card[data-kind="unofficial"]')].map((c) => c.id),
    );
    assert.equal(unofficialIds.length, codes.length - registered.length, 'one unofficial card per unofficial entry');
    assert.equal(new Set(unofficialIds).size, unofficialIds.length, 'unofficial card ids are unique');
    const badIds = unofficialIds.filter((id) => !/^[1-5]\d\d-[a-z0-9]+(-[a-z0-9]+)*$/.test(id));
    assert.deepEqual(badIds, [], 'unofficial ids look like 419-page-expired');
    // and off again
    await page.locator('#show-unofficial').uncheck();
    await waitCount(page, `Showing ${registered.length} of ${registered.length} status codes`);
    assert.equal(await vendorCard.isVisible(), false, '419-page-expired hidden again');
});

test('page: the empty state appears when nothing matches', TIMEOUT, async (t) => {
    const { page } = await open('/', t);
    assert.equal(await page.locator('#empty').isVisible(), false);
    await type(page, 'zqxjvwk nothing like this');
    await waitCount(page, `Showing 0 of ${registered.length} status codes`);
    assert.deepEqual((await assertCountMatches(page)).ids, []);
    assert.ok(await page.locator('#empty').isVisible(), '#empty is visible');
    assert.ok(((await page.locator('#empty').textContent()) ?? '').trim().length > 0, '#empty says something');
    await type(page, '');
    await waitCount(page, `Showing ${registered.length} of ${registered.length} status codes`);
    assert.equal(await page.locator('#empty').isVisible(), false, '#empty hides again');
});

test('page: the / key focuses the search', TIMEOUT, async (t) => {
    const { page } = await open('/', t);
    assert.notEqual(await page.evaluate(() => document.activeElement?.id), 'search', 'not focused at first');
    await page.keyboard.press('/');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'search', 'the search has the focus');
    assert.equal(await page.locator('#search').inputValue(), '', 'the "/" is not typed into it');
    // typed into the search afterwards, "/" is just a character
    await page.keyboard.type('a/b');
    assert.equal(await page.locator('#search').inputValue(), 'a/b');
});

test('page: the footer says the page came over HTTP/1.1 without TLS, and when 103 is acted on', TIMEOUT, async (t) => {
    const { page } = await open('/', t);
    assert.equal(await page.textContent('#protocol'), 'This page came over HTTP/1.1, without TLS.');
    assert.match(await page.textContent('footer'), /103 Early Hints response only over HTTP\/2 or later/);
});

test('page: Expand shows the description', TIMEOUT, async (t) => {
    const { page } = await open('/', t);
    const card = page.locator('[id="404"]');
    const more = card.locator('button.more');
    const desc = card.locator('p.description');
    const want = codes.find((e) => e.code === 404 && e.official).description;
    assert.equal(await more.getAttribute('aria-expanded'), 'false');
    assert.equal(await desc.isVisible(), false, 'the description starts hidden');
    await more.click();
    assert.equal(await more.getAttribute('aria-expanded'), 'true');
    assert.ok(await desc.isVisible(), 'the description shows');
    assert.equal((await desc.textContent()).replace(/\s+/g, ' ').trim(), want);
    await more.click();
    assert.equal(await more.getAttribute('aria-expanded'), 'false');
    assert.equal(await desc.isVisible(), false, 'and hides again');
});

test('page: it asks for / and /codes.json and nothing else', TIMEOUT, async (t) => {
    const { page, requests } = await open('/', t);
    // use it a little: none of this may fetch anything
    await type(page, 'teapot');
    await waitCount(page, `Showing 1 of ${registered.length} status codes`);
    await type(page, '');
    await page.locator('#show-unofficial').check();
    await (await chip(page, 5)).click();
    await page.locator('[id="503"] button.more').click();
    await page.waitForLoadState('networkidle');
    const paths = requests.map((u) => {
        const p = new URL(u);
        assert.equal(p.origin, BASE, `a request to another origin: ${u}`);
        return p.pathname + p.search;
    });
    assert.deepEqual([...new Set(paths)].sort(), ['/', '/codes.json'], `the requests: ${JSON.stringify(paths)}`);
    assert.equal(paths.filter((p) => p === '/codes.json').length, 1, '/codes.json is fetched once');
});

test('page: the cards come from /codes.json', TIMEOUT, async (t) => {
    // Hand the page a cut-down /codes.json: it shows exactly that.
    const few = [
        codes.find((e) => e.code === 200 && e.official),
        codes.find((e) => e.code === 404 && e.official),
        codes.find((e) => e.code === 503 && e.official),
        codes.find((e) => e.code === 419 && !e.official && /page expired/i.test(e.reason)),
    ];
    assert.ok(few.every(Boolean), 'the entries the test needs are in /codes.json');
    const { page } = await open('/', t, {
        route: {
            match: (u) => u.pathname === '/codes.json',
            handler: (route) =>
                route.fulfill({
                    status: 200,
                    contentType: 'application/json',
                    headers: { 'Access-Control-Allow-Origin': '*' },
                    body: JSON.stringify(few),
                }),
        },
    });
    assert.equal(await countText(page), 'Showing 3 of 3 status codes');
    assert.deepEqual((await assertCountMatches(page)).ids, ['200', '404', '503']);
    await page.locator('#show-unofficial').check();
    await waitCount(page, 'Showing 4 of 4 status codes');
    assert.ok((await shownIds(page)).includes('419-page-expired'));
});

test('page: dark mode is dark and light mode is light', TIMEOUT, async (t) => {
    const dark = (await open('/', t, { colorScheme: 'dark' })).page;
    const d = await background(dark);
    const ld = luminance(d.color);
    assert.ok(ld < 0.2, `dark: the ${d.from} background ${d.color} has luminance ${ld.toFixed(3)}, want < 0.2`);
    const light = (await open('/', t, { colorScheme: 'light' })).page;
    const l = await background(light);
    const ll = luminance(l.color);
    assert.ok(ll > 0.6, `light: the ${l.from} background ${l.color} has luminance ${ll.toFixed(3)}, want > 0.6`);
    // emulateMedia switches a loaded page too
    await light.emulateMedia({ colorScheme: 'dark' });
    const s = await background(light);
    assert.ok(luminance(s.color) < 0.2, `after switching to dark: ${s.color}`);
});

test('page: screenshots at 390 and 1280 px wide', TIMEOUT, async (t) => {
    const shots = [
        { name: 'page-390.png', viewport: { width: 390, height: 844 }, colorScheme: 'light' },
        { name: 'page-1280.png', viewport: { width: 1280, height: 900 }, colorScheme: 'light' },
        { name: 'page-390-dark.png', viewport: { width: 390, height: 844 }, colorScheme: 'dark' },
        { name: 'page-1280-dark.png', viewport: { width: 1280, height: 900 }, colorScheme: 'dark' },
    ];
    for (const s of shots) {
        const { page } = await open('/', t, s);
        const file = join(ARTIFACTS, s.name);
        await page.screenshot({ path: file, fullPage: true });
        const size = pngSize(file);
        assert.equal(size.width, s.viewport.width, `${s.name} width`);
        assert.ok(size.height >= s.viewport.height, `${s.name} is a full page (${size.height} px high)`);
        // and what a person sees first, for reading the artifacts
        await page.screenshot({ path: file.replace(/\.png$/, '-top.png') });
        // nothing sticks out sideways
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
        assert.ok(overflow <= 0, `${s.name}: the page is ${overflow} px wider than the viewport`);
    }
});

test('page: no console errors, page errors, failed requests or error responses', TIMEOUT, () => {
    assert.deepEqual(problems, []);
});
