/* Live reload: the open deck follows its Markdown file (runserver, DEBUG on).
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
 * It does nothing without #deck-live (the page says live reload is off).
 */
(function () {
  "use strict";
  var MAX_EDITED_IN_PLACE = 16;
  // While a problem shows, the page also asks on its own this often: should
  // the news of the fix never come (the stream cut, the server restarting),
  // the overlay still goes once the file is right again.
  var RECHECK_MS = 2000;
  var deck = null; // the reveal.js deck this plugin was given
  var config = null; // #deck-live, then kept up to date: version, keys, URLs
  var slidesElement = null;
  var recheck = null;
  var busy = false;
  var again = false;

  function topSections() {
    return Array.prototype.filter.call(slidesElement.children, function (el) {
      return el.tagName === "SECTION";
    });
  }

  function markKeys() {
    topSections().forEach(function (section, index) {
      if (index >= config.keys.length) return;
      section.setAttribute("data-live-key", config.keys[index]);
      section.setAttribute("data-live-plain", config.plain[index] ? "1" : "0");
    });
  }

  function hereHash() {
    var at = deck.getIndices();
    var hash = "#/" + at.h;
    if (at.v || at.f !== undefined) hash += "/" + (at.v || 0);
    if (at.f !== undefined && at.f >= 0) hash += "/" + at.f;
    return hash;
  }

  /* ---- the overlay for a broken save ---- */

  function overlay() {
    var box = document.getElementById("deck-live-error");
    if (box) return box;
    box = document.createElement("div");
    box.id = "deck-live-error";
    box.setAttribute("role", "alert");
    box.innerHTML =
      '<p class="deck-live-where"></p><p class="deck-live-message"></p>' +
      '<p class="deck-live-hint"></p>';
    document.body.appendChild(box);
    return box;
  }

  function showProblem(where, message, hint) {
    var box = overlay();
    box.querySelector(".deck-live-where").textContent = where;
    box.querySelector(".deck-live-message").textContent = message;
    box.querySelector(".deck-live-hint").textContent = hint;
    box.hidden = false;
    if (recheck === null) recheck = window.setInterval(refresh, RECHECK_MS);
  }

  function hideProblem() {
    var box = document.getElementById("deck-live-error");
    if (box) box.hidden = true;
    if (recheck !== null) window.clearInterval(recheck);
    recheck = null;
  }

  /* ---- bringing the slides up to date ---- */

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
        window.location.assign(state.moved_to + hereHash());
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
      window.history.replaceState(null, "", hereHash());
      window.location.reload();
      return;
    }
    // A preview in the speaker view: the presenter's window decides where it
    // is, so it updates its slides but never moves.
    var goto = deck.isSpeakerNotes() ? null : state.goto;
    var edited = editInPlace(state.stacks);
    if (edited === null) {
      if (!replaceStacks(state.stacks)) {
        // The page and the server disagree on what is on screen: ask for everything.
        config.version = "";
        again = true;
        return;
      }
      deck.sync();
      land(goto);
    } else {
      // Same slides, new words: sync just those (a full sync of a 1000-slide
      // deck rebuilds every background and costs a tenth of a second).
      edited.forEach(function (slide) {
        deck.syncSlide(slide);
      });
      deck.layout();
      if (!staysPut(goto)) land(goto);
    }
    if (state.title && document.title !== state.title) document.title = state.title;
    config.version = state.version;
    config.keys = state.stacks.map(function (s) { return s.key; });
    hideProblem();
    resendSpeakerNotes();
    var fit = deck.getPlugin("deck-fit");
    if (fit) fit.refit();
    plugin.updates += 1;
  }

  /* The speaker view shows the notes this window posts to it, and only
   * reveal.js's notes plugin posts them: the current slide's, on one of the
   * deck events it listens to (slidechanged, fragmentshown, ..., closeoverlay),
   * with no call to post them again. An edit of the notes on screen fires
   * none of those, so the speaker view would keep the old words until the
   * presenter moves. Fire "closeoverlay": the notes plugin listens to it and
   * nothing else on the page does (no overlay is open, nothing closes).
   * test_speaker_view_notes_show_an_edit_at_once fails if this stops working
   * (a reveal.js upgrade that drops the event from the plugin's list). */
  function resendSpeakerNotes() {
    if (deck.isSpeakerNotes()) return; // a preview's notes plugin posts nothing
    deck.dispatchEvent({ type: "closeoverlay" });
  }

  function parseStack(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    return template.content.firstElementChild;
  }

  function nested(stack) {
    return stack.querySelectorAll(":scope > section");
  }

  /* When no slide was added, removed or moved and the changed ones carry no
   * attributes of their own (no <!-- .slide: -->, so reveal.js owns every
   * attribute of the element), swap the changed slides' contents into the
   * elements reveal.js already knows. Returns those slides, or null when the
   * deck must be rebuilt instead. */
  function editInPlace(stacks) {
    var current = topSections();
    if (current.length !== stacks.length) return null;
    var pairs = [];
    for (var i = 0; i < stacks.length; i++) {
      var stack = stacks[i];
      var element = current[i];
      if (stack.html === undefined) {
        if (element.getAttribute("data-live-key") !== stack.key) return null;
        continue;
      }
      if (!stack.plain || element.getAttribute("data-live-plain") !== "1") return null;
      var fresh = parseStack(stack.html);
      var olds = nested(element);
      var news = nested(fresh);
      if (olds.length !== news.length) return null;
      if (olds.length === 0) {
        pairs.push([element, fresh]);
      } else {
        for (var j = 0; j < olds.length; j++) pairs.push([olds[j], news[j]]);
      }
    }
    // Many changed slides (a paste, or a page that lost track and gets every
    // slide again): one full sync is cheaper than syncing each of them.
    if (pairs.length > MAX_EDITED_IN_PLACE) return null;
    var edited = pairs.map(function (pair) {
      pair[0].replaceChildren.apply(pair[0], Array.prototype.slice.call(pair[1].childNodes));
      return pair[0];
    });
    stacks.forEach(function (stack, index) {
      setAttr(current[index], "data-live-key", stack.key);
      setLines(current[index], stack.lines);
    });
    return edited;
  }

  function staysPut(goto) {
    if (!goto) return true;
    var at = deck.getIndices();
    var slide = deck.getCurrentSlide();
    var fragments = slide ? slide.querySelectorAll(".fragment").length : 0;
    return goto.h === at.h && goto.v === at.v && fragments === 0;
  }

  function replaceStacks(stacks) {
    var pool = {};
    topSections().forEach(function (section) {
      var key = section.getAttribute("data-live-key");
      (pool[key] = pool[key] || []).push(section);
    });
    var wanted = [];
    for (var i = 0; i < stacks.length; i++) {
      var stack = stacks[i];
      var element;
      if (stack.html !== undefined) {
        element = parseStack(stack.html);
        element.setAttribute("data-live-plain", stack.plain ? "1" : "0");
      } else {
        element = pool[stack.key] && pool[stack.key].shift();
      }
      if (!element) return false;
      element.setAttribute("data-live-key", stack.key);
      setLines(element, stack.lines);
      wanted.push(element);
    }
    // Move only what is out of place, so a one-slide edit touches one node.
    var current = topSections();
    wanted.forEach(function (element, index) {
      if (current[index] !== element) {
        var from = current.indexOf(element, index);
        if (from !== -1) current.splice(from, 1);
        slidesElement.insertBefore(element, current[index] || null);
        current.splice(index, 0, element);
      }
    });
    topSections().slice(wanted.length).forEach(function (section) {
      section.remove();
    });
    return true;
  }

  function setLines(stack, lines) {
    if (stack.hasAttribute("data-line")) {
      setAttr(stack, "data-line", String(lines[0])); // a slide, not a stack of them
      return;
    }
    var inner = nested(stack);
    var slides = inner.length ? inner : [stack];
    for (var i = 0; i < slides.length && i < lines.length; i++) {
      setAttr(slides[i], "data-line", String(lines[i]));
    }
  }

  // Writes only what differs: a save touches a few slides of a thousand.
  function setAttr(element, name, value) {
    if (element.getAttribute(name) !== value) element.setAttribute(name, value);
  }

  function land(goto) {
    if (!goto) {
      var at = deck.getIndices();
      deck.slide(at.h, at.v, at.f);
      return;
    }
    if (goto.f === null) {
      // A slide shown because it changed is shown whole: the edit may be in a fragment.
      deck.slide(goto.h, goto.v, -1);
      var slide = deck.getCurrentSlide();
      var count = slide ? slide.querySelectorAll(".fragment").length : 0;
      for (var step = 0; step < count && deck.nextFragment(); step++);
    } else {
      deck.slide(goto.h, goto.v, goto.f);
    }
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
      window.location.assign(data.moved_to + hereHash());
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
    markKeys();
    connect();
  }

  /* reveal.js calls this once, before it lays the slides out. */
  function init(revealDeck) {
    var element = document.getElementById("deck-live");
    if (!element || !window.EventSource || !window.fetch) return;
    deck = revealDeck;
    config = JSON.parse(element.textContent);
    slidesElement = deck.getSlidesElement();
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
