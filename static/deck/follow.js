/* Follow mode: the presenter's moves go to the server, followers' screens
 * follow them. The page embeds its configuration as JSON (#deck-follow):
 * mode ("presenter" or "follower"), the position and events URLs, and for
 * the presenter the CSRF token.
 *
 * A reveal.js plugin, registered by deck.js on follow pages. Its one entry
 * point, window.deckFollow, is the plugin object (id "deck-follow", init,
 * and the reveal.js options follow pages need, which deck.js applies).
 */
(function () {
  "use strict";

  var FOLLOW_KEY = 82; // R: "return to the presenter"; F is reveal.js's fullscreen.
  var deck = null; // the reveal.js deck this plugin was given
  var config = null; // #deck-follow

  function indices() {
    var i = deck.getIndices();
    return { h: i.h, v: i.v || 0, f: typeof i.f === "number" ? i.f : null };
  }

  function samePlace(a, b) {
    return !!a && !!b && a.h === b.h && a.v === b.v && (a.f === null ? -1 : a.f) === (b.f === null ? -1 : b.f);
  }

  function show(place) {
    deck.slide(place.h, place.v, place.f === null ? undefined : place.f);
  }

  /* A small status line in a corner of the screen, with an optional button.
     It says each thing twice: in full, and in a word or two for a phone, where
     the full sentence would wrap into a pill over the slide (follow.css shows
     one of them; the full one is always what a screen reader reads). */
  function makeBadge() {
    var badge = document.createElement("div");
    badge.className = "follow-badge";
    badge.setAttribute("role", "status");
    badge.setAttribute("aria-live", "polite");
    var text = document.createElement("span");
    text.className = "follow-badge-text";
    var short = document.createElement("span");
    short.className = "follow-badge-short";
    short.setAttribute("aria-hidden", "true");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "follow-badge-button";
    button.hidden = true;
    var buttonText = document.createElement("span");
    buttonText.className = "follow-badge-text";
    var buttonShort = document.createElement("span");
    buttonShort.className = "follow-badge-short";
    buttonShort.setAttribute("aria-hidden", "true");
    button.appendChild(buttonText);
    button.appendChild(buttonShort);
    badge.appendChild(text);
    badge.appendChild(short);
    badge.appendChild(button);
    document.body.appendChild(badge);
    return {
      element: badge,
      button: button,
      show: function (state, message, shortMessage, buttonLabel, shortButtonLabel) {
        badge.dataset.state = state;
        text.textContent = message;
        short.textContent = shortMessage || message;
        button.hidden = !buttonLabel;
        buttonText.textContent = buttonLabel || "";
        buttonShort.textContent = shortButtonLabel || buttonLabel || "";
      },
    };
  }

  /* Growing, jittered delays, so a room of followers does not reconnect in
     lockstep after a server restart. */
  function backoff(first, cap) {
    var delay = 0;
    return {
      next: function () {
        delay = delay ? Math.min(delay * 2, cap) : first;
        return delay * (0.75 + Math.random() * 0.5);
      },
      reset: function () {
        delay = 0;
      },
    };
  }

  function presenter() {
    var badge = makeBadge();
    var pending = null;
    var inFlight = false;
    var retry = backoff(250, 5000);
    var retryTimer = null;
    var restoring = false;
    var revoked = false;

    badge.show("presenting", "Presenting: the audience follows you", "Presenting");
    window.setTimeout(function () {
      if (badge.element.dataset.state === "presenting") badge.element.dataset.state = "quiet";
    }, 4000);

    function send() {
      if (inFlight || !pending || revoked) return;
      var body = pending;
      pending = null;
      inFlight = true;
      fetch(config.position, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": config.csrf_token },
        body: JSON.stringify(body),
      })
        .then(function (response) {
          inFlight = false;
          if (response.status === 403) {
            revoked = true;
            badge.show(
              "error",
              "Not the presenter any more: the audience no longer follows. Run manage.py present for a new link.",
              "Not the presenter any more"
            );
            return;
          }
          if (response.status === 503) {
            // The server is up but cannot share moves (its cache is down).
            var error = new Error("HTTP 503");
            error.unshared = true;
            throw error;
          }
          if (!response.ok) throw new Error("HTTP " + response.status);
          retry.reset();
          if (badge.element.dataset.state === "error") {
            badge.show("presenting", "Shared again: the audience follows you", "Shared again");
            window.setTimeout(function () {
              if (badge.element.dataset.state === "presenting") badge.element.dataset.state = "quiet";
            }, 4000);
          }
          send();
        })
        .catch(function (error) {
          inFlight = false;
          // Keep the newest move; an older one that failed is not worth sending.
          pending = pending || body;
          badge.show(
            "error",
            error && error.unshared
              ? "Not shared: the server cannot pass your moves on right now; the audience stays where it was. Retrying…"
              : "The audience did not get your last move: retrying…",
            error && error.unshared ? "Not shared: retrying…" : "Not sent: retrying…"
          );
          window.clearTimeout(retryTimer);
          retryTimer = window.setTimeout(send, retry.next());
        });
    }

    function moved() {
      // Browsing the overview is not a move; the slide picked on leaving it is.
      if (restoring || deck.isOverview()) return;
      pending = indices();
      window.clearTimeout(retryTimer);
      send();
    }

    ["slidechanged", "fragmentshown", "fragmenthidden", "overviewhidden"].forEach(function (name) {
      deck.on(name, moved);
    });

    // Reopened without a deep link: continue where the audience is.
    if (!window.location.hash) {
      fetch(config.position, { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (place) {
          if (!place) return;
          restoring = true;
          show(place);
          restoring = false;
        })
        .catch(function () {});
    }
  }

  function follower() {
    var badge = makeBadge();
    var following = true;
    var latest = null;
    var applying = false;
    var connected = false;
    var source = null;
    var retry = backoff(500, 8000);
    var reconnectTimer = null;
    var offlineTimer = null;
    var watchdog = null;

    function render() {
      if (!connected && badge.element.dataset.state === "offline") return;
      if (!following) {
        var slide = latest ? latest.h + 1 + (latest.v ? "." + (latest.v + 1) : "") : "";
        var where = latest ? "; the presenter is on slide " + slide : "";
        badge.show(
          "detached",
          "Browsing on your own" + where + ".",
          latest ? "On your own · presenter on " + slide : "On your own",
          "Back to the presenter (R)",
          "Back"
        );
      } else if (!latest) {
        badge.show("waiting", "Waiting for the presenter", "Waiting");
      } else {
        badge.show("following", "Following the presenter", "Following");
      }
    }

    function apply(place) {
      applying = true;
      show(place);
      applying = false;
    }

    function rejoin() {
      following = true;
      if (latest) apply(latest);
      render();
    }

    function receive(place) {
      latest = place;
      if (place && following && !samePlace(indices(), place)) apply(place);
      render();
    }

    // A move the follower made themselves (keys, clicks, overview, speaker
    // view) detaches them until they come back.
    function ownMove() {
      if (applying || !following || (latest && samePlace(indices(), latest))) return;
      if (!latest) return; // nothing to follow yet: look around freely
      following = false;
      render();
    }

    ["slidechanged", "fragmentshown", "fragmenthidden"].forEach(function (name) {
      deck.on(name, ownMove);
    });
    badge.button.addEventListener("click", rejoin);
    deck.addKeyBinding({ keyCode: FOLLOW_KEY, key: "R", description: "Follow the presenter again" }, rejoin);

    function alive() {
      connected = true;
      retry.reset();
      window.clearTimeout(offlineTimer);
      offlineTimer = null;
      window.clearTimeout(watchdog);
      // The server pings every 5 s; silence for longer is a dead connection
      // (a laptop woke up on another network) that no error reports.
      watchdog = window.setTimeout(reconnect, 40000);
    }

    function disconnected() {
      connected = false;
      if (!offlineTimer) {
        // Short gaps (a stream ended and is reopened at once) go unseen.
        offlineTimer = window.setTimeout(function () {
          badge.show("offline", "Connection lost: reconnecting…", "Reconnecting…");
        }, 2500);
      }
    }

    function connect() {
      reconnectTimer = null;
      source = new EventSource(config.events);
      source.addEventListener("position", function (event) {
        alive();
        if (badge.element.dataset.state === "offline") badge.element.dataset.state = "";
        receive(JSON.parse(event.data));
      });
      source.addEventListener("ping", alive);
      source.onerror = function () {
        reconnect();
      };
    }

    function reconnect() {
      if (source) {
        source.close();
        source = null;
      }
      window.clearTimeout(watchdog);
      disconnected();
      if (!reconnectTimer) reconnectTimer = window.setTimeout(connect, retry.next());
    }

    // Off the network: the open stream may not notice for a long while
    // (no error on a half-open connection), so drop it now.
    window.addEventListener("offline", function () {
      window.clearTimeout(reconnectTimer);
      reconnectTimer = null;
      reconnect();
    });

    // Back on the network: try now rather than at the end of the backoff.
    window.addEventListener("online", function () {
      if (connected) return;
      window.clearTimeout(reconnectTimer);
      retry.reset();
      if (source) source.close();
      connect();
    });

    render();
    connect();
  }

  function start() {
    if (config.mode === "presenter") presenter();
    else if (config.mode === "follower") follower();
  }

  /* reveal.js calls this once, before it lays the slides out. */
  function init(revealDeck) {
    var element = document.getElementById("deck-follow");
    // The speaker view (s) loads this same page into its preview frames and
    // drives them itself: they neither post nor follow.
    if (!element || revealDeck.isSpeakerNotes()) return;
    deck = revealDeck;
    config = JSON.parse(element.textContent);
    if (deck.isReady()) start();
    else deck.on("ready", start);
  }

  /* Follow pages always show the slide view, never reveal.js's scroll view
     (which it turns on below scrollActivationWidth, 435 px: every phone held
     upright). In the scroll view the scroll position decides the slide and
     the fragment: a move to a fragment scrolls only to its slide, so the
     phone stayed one step behind, and the scroll settling afterwards looked
     like the student's own move and dropped them out of follow mode. The
     slide view shows what the projector shows; a swipe still browses.
     deck.js merges these options over the deck's own. */
  var revealOptions = { scrollActivationWidth: null, view: null };

  window.deckFollow = { id: "deck-follow", init: init, revealOptions: revealOptions };
})();
