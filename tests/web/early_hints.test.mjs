// tests/web/early_hints.test.mjs: Chromium acts on the 103 Early Hints of
// /103 when it loads it over HTTPS and HTTP/2, and loads / over HTTP/2.
//
//   sh tests/web/run.sh build/httpstatus        (runs this file too)
//
// or by hand:
//
//   HTTPSTATUS_BINARY=build/httpstatus node --test tests/web/early_hints.test.mjs
//
// This file starts its own server, `httpstatus serve --listen 127.0.0.1:0
// --tls-listen 127.0.0.1:0`, reads the HTTPS port and the certificate's SPKI
// pin from the lines it prints on stderr, and launches Debian's Chromium with
// --ignore-certificate-errors-spki-list=PIN, so that the server's fresh
// self-signed certificate is trusted for this run only. Chromium acts on a
// 103 only over HTTP/2 or later, hence HTTPS.
//
// Each load of /103 gets a browser context of its own: a new HTTP cache and
// a new connection, so that every load must fetch the stylesheet and the
// script again, on the hints or not at all. (Disabling the cache instead
// would defeat the hints: the page finds what a hint preloaded in the HTTP
// cache.) A load counts when performance.getEntriesByType("resource") has
// both resources with initiatorType "early-hints"; every one of LOADS loads
// must count.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const BINARY = process.env.HTTPSTATUS_BINARY || '';
const LOADS = 20;
const HINTED = ['/early-hints/style.css', '/early-hints/script.js'];
// Liveness limits, wide: a slow machine passes, a hung one fails.
const START_LIMIT_MS = 20_000;
const TIMEOUT = { timeout: 300_000 };

if (!BINARY) throw new Error('HTTPSTATUS_BINARY must name the httpstatus binary');

let server; // the child process
let stderr = ''; // all it printed on stderr
let exited; // a promise of its exit code (or signal name)
let base; // https://127.0.0.1:PORT
let pin; // base64 SHA-256 of the certificate's SubjectPublicKeyInfo
let browser;

// Starts the server and waits for its HTTPS line and its pin line.
function startServer() {
    server = spawn(BINARY, ['serve', '--listen', '127.0.0.1:0', '--tls-listen', '127.0.0.1:0', '--workers', '1'], {
        stdio: ['ignore', 'ignore', 'pipe'],
    });
    exited = new Promise((resolve) => server.on('exit', (code, signal) => resolve(code ?? signal)));
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
            reject(new Error(`the server said no HTTPS port and pin within ${START_LIMIT_MS} ms:\n${stderr}`));
        }, START_LIMIT_MS);
        server.stderr.setEncoding('utf8');
        server.stderr.on('data', (chunk) => {
            stderr += chunk;
            const port = /listening on https:\/\/127\.0\.0\.1:(\d+)\//.exec(stderr);
            const p = /certificate pin \(SHA-256 SPKI, base64\): ([A-Za-z0-9+/]{43}=)/.exec(stderr);
            if (port && p) {
                clearTimeout(timer);
                resolve({ port: Number(port[1]), pin: p[1] });
            }
        });
        server.on('exit', (code, signal) => {
            clearTimeout(timer);
            reject(new Error(`the server exited (${code ?? signal}) before it was ready:\n${stderr}`));
        });
    });
}

before(async () => {
    const ready = await startServer();
    base = `https://127.0.0.1:${ready.port}`;
    pin = ready.pin;
    browser = await chromium.launch({
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
            `--ignore-certificate-errors-spki-list=${pin}`,
        ],
    });
});

after(async () => {
    if (browser) await browser.close();
    if (server && server.exitCode === null && server.signalCode === null) {
        server.kill('SIGTERM');
        const code = await exited;
        assert.equal(code, 0, `the server exited ${code} on SIGTERM:\n${stderr}`);
    }
});

// Loads path in a fresh context; returns the response's status, the
// navigation's protocol, the resource entries and the early-hints note the
// page's script wrote.
async function load(path) {
    const context = await browser.newContext();
    context.setDefaultTimeout(30_000);
    try {
        const page = await context.newPage();
        const response = await page.goto(base + path, { waitUntil: 'load' });
        const seen = await page.evaluate(() => ({
            protocol: performance.getEntriesByType('navigation')[0]?.nextHopProtocol ?? null,
            resources: performance.getEntriesByType('resource').map((e) => ({
                path: new URL(e.name).pathname,
                initiatorType: e.initiatorType,
                protocol: e.nextHopProtocol,
            })),
            note: document.getElementById('early-hints')?.className ?? null,
        }));
        return { status: response.status(), ...seen };
    } finally {
        await context.close();
    }
}

test(`https: /103 loads ${LOADS} times, each with its stylesheet and script fetched on the early hints`, TIMEOUT, async (t) => {
    const misses = [];
    const started = performance.now();
    for (let i = 1; i <= LOADS; i++) {
        const got = await load('/103');
        const hinted = HINTED.filter((p) =>
            got.resources.some((e) => e.path === p && e.initiatorType === 'early-hints'),
        );
        if (got.status !== 200 || got.protocol !== 'h2' || hinted.length !== HINTED.length || got.note !== 'used')
            misses.push(`load ${i}: ${JSON.stringify(got)}`);
    }
    const ms = performance.now() - started;
    t.diagnostic(`${LOADS - misses.length} of ${LOADS} loads used both hints; ${Math.round(ms)} ms in all`);
    assert.deepEqual(misses, [], `${misses.length} of ${LOADS} loads missed the hints`);
});

test('https: / loads over HTTP/2', TIMEOUT, async () => {
    const got = await load('/');
    assert.equal(got.status, 200);
    assert.equal(got.protocol, 'h2', 'the navigation entry\'s nextHopProtocol');
});
