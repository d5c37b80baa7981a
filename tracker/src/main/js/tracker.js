/*
 * Footfall tracker: records pageviews, custom events, outbound link clicks, file
 * downloads and engagement (visible, focused time and scroll depth) and posts them to
 * the Footfall server. No cookies, no storage identifiers; Global Privacy Control and
 * Do Not Track are honoured.
 *
 *   <script defer data-domain="example.com" src="https://stats.example.com/tracker.js"></script>
 *
 * Attributes of that tag: data-api (the endpoint; default: this script's origin +
 * /api/event), data-hash (the site routes by location.hash), data-outbound-links,
 * data-file-downloads, data-respect-dnt="false", data-allow-local (also send from
 * localhost, file: pages and automated browsers). Embeds that cannot set attributes
 * load tracker.js?siteId=example.com instead.
 *
 * Custom events: footfall('Signup', {props: {plan: 'pro'}, revenue: {amount: 9,
 * currency: 'EUR'}, callback: fn}). Calls made before this script ran are queued by
 *   window.footfall = window.footfall || function () { (window.footfall.q = window.footfall.q || []).push(arguments) }
 * and replayed here. window.footfall.status is {payload, status} of the last event that
 * finished: status is the HTTP status, 0 after a network error, 'beacon', or why the
 * event was ignored ('local', 'dnt', 'footfall_ignore'), with payload null.
 *
 * ES5 for Closure Compiler (SIMPLE). Quoted names are the contract with pages and the
 * server (the global, the options, the payload keys) and would survive ADVANCED too.
 * The build prints the size and fails past 1,500 bytes after gzip -9, so every byte
 * here is weighed: a string body (sent as text/plain, no CORS preflight), one
 * dispatcher for every way an event ends, no console messages.
 */
(function () {
  'use strict';

  // This script's element. The old system's async loader snippet inserts it
  // dynamically, so fall back to the first script loading tracker.js.
  var script = document.currentScript || document.querySelector('script[src*="tracker.js"]');
  // The data-* attributes of this script's tag.
  var data = script.dataset;
  // This script's URL: its origin makes the default endpoint, its ?siteId= names the site.
  var scriptUrl = new URL(script.src);
  // Where events are posted.
  var api = data['api'] || scriptUrl.origin + '/api/event';
  // The site as registered in Footfall.
  var domain = data['domain'] || scriptUrl.searchParams.get('siteId') || location.hostname;
  // 1 when the site routes by location.hash (data-hash), so the hash is part of the page.
  var hashMode = 'hash' in data ? 1 : undefined;
  // Whether the visitor's Global Privacy Control and Do Not Track signals are honoured.
  var respectDnt = data['respectDnt'] != 'false';
  // Whether to send from localhost, file: pages and automated browsers too.
  var allowLocal = 'allowLocal' in data;
  // Whether clicks on links to other hosts are recorded.
  var trackOutbound = 'outboundLinks' in data;
  // Whether clicks on links to files of fileTypes are recorded.
  var trackDownloads = 'fileDownloads' in data;
  // The file extensions counted as downloads.
  var fileTypes = /\.(pdf|xlsx|docx|txt|rtf|csv|exe|key|pps|pptx?|7z|pkg|rar|gz|zip|avi|mov|mp[34]|mpeg|wm[va]|midi|wav|dmg)$/i;
  // Calls queued by the embed snippet's stub before this script ran.
  var queued = window['footfall'] && window['footfall']['q'] || [];

  // The URL (u) of the current page-view; undefined until the first one is recorded.
  var currentPage;
  // Engaged time of the current page-view not reported yet, in ms. Reset when reported
  // and on every page-view.
  var engagedMs = 0;
  // When the running engaged stretch began (Date.now()), or 0 while hidden or unfocused.
  var engagedSince = 0;
  // Deepest point of the current page-view seen so far, % of the page height. Reset on
  // every page-view.
  var maxScrollDepth = 0;

  /**
   * Records one event: window.footfall(name, {props, revenue, callback}). The last two
   * arguments are passed by reportEngagement() only.
   */
  function track(name, options, engagementMs, scrollDepth) {
    options = options || {};
    var callback = options['callback'];
    var revenue = options['revenue'];
    // An empty host name is a file: page.
    if (!allowLocal && (/^(localhost|127\..*|\[::1\]|)$/.test(location.hostname) || navigator.webdriver)) return done(callback, null, 'local');
    if (respectDnt && (navigator['globalPrivacyControl'] || navigator.doNotTrack == 1)) return done(callback, null, 'dnt');
    // The site owner's own visits: localStorage.footfall_ignore = 'true' in their browser.
    // Reading storage throws where it is blocked: then there is nothing to honour.
    try {
      if (localStorage['footfall_ignore'] == 'true') return done(callback, null, 'footfall_ignore');
    } catch (e) {}
    // JSON.stringify leaves out the members that are undefined.
    send({
      'n': name,
      'u': currentPage || pageUrl(),
      'd': domain,
      'r': document.referrer || null,
      'p': options['props'],
      'h': hashMode,
      // Engagement is not an interaction: i is false for it, left out otherwise.
      'i': engagementMs && false,
      '$': revenue && {'a': revenue['amount'], 'c': revenue['currency']},
      // 128 random bits (as decimal digits): the server counts a retried event once.
      'id': crypto.getRandomValues(new Uint32Array(4)).join(''),
      'e': engagementMs,
      'sd': scrollDepth,
      'w': screen.width,
      'tz': Intl.DateTimeFormat().resolvedOptions().timeZone
    }, callback);
  }

  // The page as recorded: without the hash unless the site routes by it.
  function pageUrl() {
    return hashMode ? location.href : location.href.split('#')[0];
  }

  function send(payload, callback) {
    var json = JSON.stringify(payload);
    // Retries made so far.
    var attempt = 0;
    // Engagement goes out as the page goes away: a beacon outlives the page.
    if (payload['e'] && navigator.sendBeacon(api, json)) return done(callback, payload, 'beacon');
    post();

    // A string body goes as text/plain;charset=UTF-8, which needs no CORS preflight;
    // keepalive lets the request outlive the page.
    function post() {
      fetch(api, {method: 'POST', keepalive: true, body: json}).then(function (response) {
        var status = response.status;
        if (status > 499 || status == 429) return retry(status);
        done(callback, payload, status);
      }, retry);
    }

    // Network errors, 5xx and 429 are retried after 1, 2 and 4 s with the same event id.
    function retry(status) {
      if (attempt > 2) return done(callback, payload, status | 0);
      setTimeout(post, 1000 << attempt++);
    }
  }

  // An event is over: published as window.footfall.status and passed to its callback.
  function done(callback, payload, status) {
    var result = {'payload': payload, 'status': status};
    track['status'] = result;
    if (callback) callback(result);
  }

  function pageview() {
    var url = pageUrl();
    // replaceState to the same URL, or a hash change outside hash mode.
    if (url == currentPage) return;
    // The previous page's engagement goes out while u still names that page.
    reportEngagement();
    currentPage = url;
    engagedMs = maxScrollDepth = 0;
    track('pageview');
  }

  // Banks the running engaged stretch and starts the next one if the page is visible
  // and focused.
  function tick() {
    var now = Date.now();
    engagedMs += engagedSince && now - engagedSince;
    engagedSince = !document.hidden && document.hasFocus() ? now : 0;
  }

  // Scroll depth: the share of the page above the bottom of the viewport.
  function measureScroll() {
    var depth = (scrollY + innerHeight) * 100 / document.documentElement.scrollHeight | 0;
    if (depth > maxScrollDepth) maxScrollDepth = Math.min(depth, 100);
  }

  // Sends the engagement accrued since the last report, if there is more than 3 s.
  function reportEngagement() {
    tick();
    measureScroll();
    if (engagedMs < 3000) return;
    track('engagement', 0, engagedMs, maxScrollDepth);
    engagedMs = 0;
  }

  // Outbound links and file downloads. Following a link in the same tab could cancel
  // the request, so the navigation waits until the event is sent, at most 150 ms. A
  // middle click, a click with a modifier or a link to another window just sends, and
  // so does a download, which leaves the page in place.
  function onClick(event) {
    var link = event.target.closest('a');
    if (!link || event.button > 1) return;
    var url = link.href;
    var outbound = trackOutbound && link.host && link.host != location.host;
    if (!outbound && !(trackDownloads && fileTypes.test(link.pathname))) return;
    // Navigates once, then turns itself off.
    var follow = outbound && !(event.defaultPrevented || event.button || event.ctrlKey ||
        event.metaKey || event.shiftKey || link.target) && function () {
      if (follow) location.href = url;
      follow = 0;
    };
    if (follow) {
      event.preventDefault();
      setTimeout(follow, 150);
    }
    track(outbound ? 'Outbound Link: Click' : 'File Download', {'props': {'url': url}, 'callback': follow});
  }

  // SPA navigation: a pageview after each pushState and replaceState.
  function patch(method) {
    var original = history[method];
    history[method] = function () {
      original.apply(this, arguments);
      pageview();
    };
  }

  window['footfall'] = track;
  // A prerendered page or a tab opened in the background counts once it is seen.
  if (!document.hidden) pageview();
  queued.forEach(function (args) {
    track.apply(null, args);
  });

  patch('pushState');
  patch('replaceState');
  addEventListener('popstate', pageview);
  if (hashMode) addEventListener('hashchange', pageview);
  // Events at the document bubble up to the window: one target for every listener.
  addEventListener('visibilitychange', function () {
    if (!document.hidden && !currentPage) pageview();
    else reportEngagement();
  });
  addEventListener('pagehide', reportEngagement);
  addEventListener('focus', tick);
  addEventListener('blur', tick);
  addEventListener('scroll', measureScroll, {passive: true});
  addEventListener('click', onClick);
  addEventListener('auxclick', onClick);
})();
