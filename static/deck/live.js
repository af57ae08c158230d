/* Live reload: the open deck follows its Markdown file (runserver, DEBUG on).
 * This file hears of saves and asks for the deck's state; live-page.js
 * applies what comes back to the page.
 *
 * The server pushes an event when the file is saved; the page then asks for
 * the deck's state, giving the version it shows and where it is. The answer
 * carries every stack's key and only the HTML of stacks the page lacks, and
 * where to land. The page swaps those stacks in place (no reload: reveal.js,
 * the speaker view and the position all stay), or shows an overlay naming
 * file and line when the save is broken, over the last good slides.
 *
 * A reveal.js plugin, registered by deck.js after deck-fit (an edit is fitted
 * through deck.getPlugin("deck-fit")). Its one entry point, window.deckLive,
 * is the plugin object; the tests and the benchmark read from it
 *   source    the EventSource this tab holds, null while another tab leads,
 *   leader    whether this tab holds the stream,
 *   updates   how many saves the page has applied.
 * live-page.js loads after this file and attaches its part to it
 * (deckLive.page), read here when the deck starts.
 * It does nothing without #deck-live (the page says live reload is off).
 */
(function () {
  "use strict";
  // While a problem shows, the page also asks on its own this often: should
  // the news of the fix never come (the stream cut, the server restarting),
  // the overlay still goes once the file is right again.
  var RECHECK_MS = 2000;
  var deck = null; // the reveal.js deck this plugin was given
  var page = null; // live-page.js, for this deck: applies a state to the page
  var config = null; // #deck-live, then kept up to date: version, keys, URLs
  var recheck = null;
  var busy = false;
  var again = false;

  function showProblem(where, message, hint) {
    page.showProblem(where, message, hint);
    if (recheck === null) recheck = window.setInterval(refresh, RECHECK_MS);
  }

  function hideProblem() {
    page.hideProblem();
    if (recheck !== null) window.clearInterval(recheck);
    recheck = null;
  }

  /* ---- asking for the deck's state ---- */

  function stateUrl() {
    var at = deck.getIndices();
    var query = new URLSearchParams({
      since: config.version,
      h: at.h || 0,
      v: at.v || 0,
      f: at.f === undefined ? -1 : at.f,
    });
    return config.state + "?" + query.toString();
  }

  function refresh() {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    again = false;
    fetch(stateUrl(), { cache: "no-store", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(apply)
      .catch(function (error) {
        // The server is restarting or gone: the stream reconnects and asks again.
        console.warn("live reload: " + error);
      })
      .then(function () {
        busy = false;
        if (again) refresh();
      });
  }

  function apply(state) {
    if (state.status === "gone") {
      if (state.moved_to) {
        window.location.assign(state.moved_to + page.hereHash());
        return;
      }
      showProblem(
        state.file,
        "This deck's file is no longer in the slides folder.",
        "The slides on screen are from the last good save. Put the file back to carry on."
      );
      return;
    }
    if (state.status === "broken") {
      var error = state.error;
      showProblem(
        error.file + ", line " + error.line,
        error.message,
        "The slides on screen are from the last good save; fix the file and save again."
      );
      return;
    }
    if (state.unchanged) {
      hideProblem();
      return;
    }
    if (state.page !== config.page) {
      // The theme, code style or reveal.js options changed: only a reload applies
      // them. reveal.js updates the address lazily; make it name this slide.
      window.history.replaceState(null, "", page.hereHash());
      window.location.reload();
      return;
    }
    // A preview in the speaker view: the presenter's window decides where it
    // is, so it updates its slides but never moves.
    var goto = deck.isSpeakerNotes() ? null : state.goto;
    if (!page.update(state.stacks, goto)) {
      // The page and the server disagree on what is on screen: ask for everything.
      config.version = "";
      again = true;
      return;
    }
    if (state.title && document.title !== state.title) document.title = state.title;
    config.version = state.version;
    config.keys = state.stacks.map(function (s) { return s.key; });
    hideProblem();
    page.resendSpeakerNotes();
    var fit = deck.getPlugin("deck-fit");
    if (fit) fit.refit();
    plugin.updates += 1;
  }

  /* ---- the push channel ----
   *
   * One event stream per deck per browser, however many tabs show it (the
   * speaker view alone shows it three times): browsers allow six connections
   * to a server, and runserver spends a thread on each stream. The tab that
   * holds a Web Lock named for the deck keeps the stream and passes its news
   * to the others over a BroadcastChannel; when it closes, the lock passes to
   * a waiting tab, which opens the stream in its turn. */

  function onNews(data) {
    if (data.kind === "moved" && data.moved_to) {
      window.location.assign(data.moved_to + page.hereHash());
      return;
    }
    // "changed", "gone", or the stream (re)connected: a save may have been missed.
    refresh();
  }

  function lead(channel) {
    var source = new EventSource(config.events);
    plugin.source = source;
    plugin.leader = true;
    function share(data) {
      onNews(data);
      if (channel) channel.postMessage(data);
    }
    source.addEventListener("open", function () {
      share({ kind: "connected" });
    });
    source.addEventListener("deck", function (event) {
      share(JSON.parse(event.data));
    });
    // Held until the page goes away; the lock is then free for another tab.
    return new Promise(function (release) {
      window.addEventListener("pagehide", function () {
        source.close();
        release();
      });
    });
  }

  function connect() {
    var name = "deck-live " + config.events;
    var channel = window.BroadcastChannel ? new BroadcastChannel(name) : null;
    if (!channel || !navigator.locks) {
      lead(null);
      return;
    }
    channel.onmessage = function (message) {
      onNews(message.data);
    };
    navigator.locks.request(name, function () {
      return lead(channel);
    });
    refresh(); // while another tab leads, check once for a save missed meanwhile
  }

  function start() {
    page.markKeys(config.keys, config.plain);
    connect();
  }

  /* reveal.js calls this once, before it lays the slides out. */
  function init(revealDeck) {
    var element = document.getElementById("deck-live");
    if (!element || !window.EventSource || !window.fetch) return;
    if (!plugin.page) throw new Error("deck-live: live-page.js must load after live.js");
    deck = revealDeck;
    config = JSON.parse(element.textContent);
    page = plugin.page(deck);
    window.addEventListener("pageshow", function (event) {
      // Back from the back-forward cache: the stream was closed on the way out.
      if (event.persisted) window.location.reload();
    });
    if (deck.isReady()) start();
    else deck.on("ready", start);
  }

  var plugin = (window.deckLive = {
    id: "deck-live",
    init: init,
    updates: 0,
    source: null,
    leader: false,
  });
})();
