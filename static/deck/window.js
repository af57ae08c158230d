/* Big decks: only the slides near the current one are in reveal.js's DOM.
 *
 * Measured (Chromium profiler, 5000 slides): every step, reveal.js walks
 * every top-level section and every background, swapping classes and
 * `hidden` on each; the style recalculation that follows costs ~100 ms, the
 * walks ~90 ms more. Emptying the far sections saves a third of that; taking
 * them out of .slides saves all of it (a step at the 2-frame floor). So, for
 * decks of more than THRESHOLD stacks, the page keeps the stacks within
 * RADIUS of the current one under .slides and the others detached, in order,
 * in a JS array; reveal.js sees a deck of about 2*RADIUS+1 stacks.
 *
 * Everything else keeps seeing the whole deck: the reveal.js API that
 * plugins, reveal's own controllers (URL, slide number, progress) and the
 * speaker view use speaks global indices (getIndices, slide, getState,
 * setState, getTotalSlides, getSlidePastCount, getProgress, getSlides,
 * getSlide, isFirstSlide, isLastSlide); only the backgrounds controller, which
 * pairs indices with the DOM, is given local ones. Moving near the edge of
 * the window re-centres it, between frames, with reveal's events for that
 * silent move swallowed. The overview mounts every slide (it shows them all),
 * a search mounts them while its box is open (the search plugin walks the
 * page's text), print view and small decks are left alone entirely.
 *
 * Loaded after reveal.js and before deck.js, which passes its options through
 * deckWindow.options() and registers it first. Its entry point,
 * window.deckWindow, is defined only when the deck is windowed:
 *   active            true
 *   stacks()          every top-level section, mounted or not, in order
 *   replace(list)     live reload: the deck's stacks are now these
 *   mountAll()        put every slide in the DOM (until the next move)
 * Each stack that enters .slides after the start fires a bubbling
 * `deck:mounted` event on itself, detail {section, index}: plugins that
 * decorate slides (code, math, diagrams) hook in there for far slides.
 */
(function () {
  "use strict";

  var THRESHOLD = 300; // top-level stacks; at most this many, nothing changes
  var RADIUS = 30; // stacks mounted either side of the current one
  var MARGIN = 12; // re-centre when the current one is nearer the edge than this
  var SILENT = ["slidechanged", "beforeslidechange", "slidetransitionend", "fragmentshown",
    "fragmenthidden", "sync"];

  var root = document.querySelector(".reveal .slides");
  // Print and check_layout (data-every-slide) need every slide laid out.
  if (!root || /print-pdf/i.test(location.search)) return;
  if (root.closest("[data-every-slide]")) return;
  var api = null; // the deck reveal.js gives its plugins and controllers (init)
  var all = topSections();
  if (all.length <= THRESHOLD) return;

  var N = all.length;
  var lo = 0; // mounted: all[lo .. hi)
  var hi = N;
  var local = 0; // > 0 while a caller must see local indices
  var silent = false; // swallow reveal's events: a re-centre is no move
  var started = false; // reveal.js has set up its DOM
  var indexOf = new Map(); // stack -> global index
  var prefix = []; // prefix[i]: counted slides in all[0 .. i)
  var leaves = null; // every slide, cached for getSlides()
  var pending = 0; // a scheduled re-centre
  var searching = false;
  var original = {};

  function topSections() {
    return Array.prototype.filter.call(root.children, function (el) {
      return el.tagName === "SECTION";
    });
  }

  function innerSlides(stack) {
    return Array.prototype.filter.call(stack.children, function (el) {
      return el.tagName === "SECTION";
    });
  }

  function counted(slide) {
    return slide.getAttribute("data-visibility") !== "uncounted";
  }

  function reindex() {
    indexOf = new Map();
    prefix = [0];
    leaves = null;
    N = all.length;
    all.forEach(function (stack, i) {
      indexOf.set(stack, i);
      var inner = innerSlides(stack);
      var slides = inner.length ? inner : [stack];
      prefix.push(prefix[i] + slides.filter(counted).length);
    });
  }

  /* ---- the window: which stacks are under .slides ---- */

  function clamp(h) {
    return Math.max(0, Math.min(N - 1, h | 0));
  }

  function comfortable(g) {
    return (g >= lo + MARGIN || lo === 0) && (g < hi - MARGIN || hi === N) && g >= lo && g < hi;
  }

  function lastMounted() {
    var sections = topSections();
    return sections[sections.length - 1] || null;
  }

  /* Mount all[from .. to) and nothing else, moving as few stacks as can be. */
  function mount(from, to) {
    var added = [];
    for (var i = lo; i < hi; i++) {
      if (i < from || i >= to) all[i].remove();
    }
    var keepFrom = Math.max(lo, from);
    var keepTo = Math.min(hi, to);
    var sections = topSections();
    var before = sections[0] || null;
    if (keepFrom >= keepTo) {
      before = null; // nothing kept: mount the lot in place of the old
      sections.forEach(function (el) { el.remove(); });
      keepFrom = keepTo = to;
    }
    var head = document.createDocumentFragment();
    for (i = from; i < keepFrom; i++) {
      head.appendChild(all[i]);
      added.push(i);
    }
    if (before) root.insertBefore(head, before);
    else insertSections(head);
    var tail = document.createDocumentFragment();
    for (i = Math.max(keepTo, from); i < to; i++) {
      tail.appendChild(all[i]);
      added.push(i);
    }
    var last = lastMounted();
    if (last) last.after(tail);
    else insertSections(tail);
    lo = from;
    hi = to;
    return added;
  }

  // Sections go before anything else reveal keeps in .slides (the
  // backgrounds, while the overview is open).
  function insertSections(fragment) {
    root.insertBefore(fragment, root.firstChild);
  }

  function announce(added) {
    added.forEach(function (i) {
      all[i].dispatchEvent(new CustomEvent("deck:mounted", {
        bubbles: true,
        detail: { section: all[i], index: i },
      }));
    });
    if (window.deckFit && added.some(function (i) {
      return all[i].querySelector("img, video, iframe, object, embed");
    })) {
      window.deckFit.refit(); // so fit.js watches the new pictures' sizes
    }
  }

  /* Mount [from, to) with the deck staying where it is (global position). */
  function move(from, to) {
    var at = globalHere();
    var added = mount(from, to);
    if (!started) return;
    silently(function () {
      original.sync.call(api);
      original.slide.call(api, at.h - lo, at.v, at.f);
    });
    announce(added);
  }

  function silently(fn) {
    var was = silent;
    silent = true;
    try {
      fn();
    } finally {
      silent = was;
    }
  }

  function around(g) {
    return [Math.max(0, g - RADIUS), Math.min(N, g + RADIUS + 1)];
  }

  function recentre() {
    pending = 0;
    if (searching || api.isOverview()) return;
    var here = globalHere();
    var want = around(here.h);
    if (want[0] !== lo || want[1] !== hi) move(want[0], want[1]);
  }

  function scheduleRecentre() {
    if (pending) return;
    // After the step's frames are painted: the re-centre never delays one.
    pending = setTimeout(recentre, 60);
  }

  /* A jump beyond the window: mount around the target. reveal.js fires
   * slidechanged only when its own index changes, and the target's local
   * index may equal the old one: step silently to another index first. */
  function jumpTo(g) {
    var want = api.isOverview() || searching ? [0, N] : around(g);
    var added = mount(want[0], want[1]);
    silently(function () {
      original.sync.call(api);
      var target = g - lo;
      original.slide.call(api, target === 0 ? Math.min(1, hi - lo - 1) : 0);
    });
    announce(added);
  }

  function mountAll() {
    if (lo !== 0 || hi !== N) move(0, N);
  }

  /* ---- where the deck is, globally ---- */

  function currentStack() {
    var slide = api.getCurrentSlide();
    if (!slide) return null;
    return indexOf.has(slide) ? slide : slide.parentNode;
  }

  function globalHere() {
    var at = original.getIndices.call(api);
    var stack = currentStack();
    var h = stack && indexOf.has(stack) ? indexOf.get(stack) : at.h + lo;
    return { h: h, v: at.v, f: at.f };
  }

  function indicesOf(slide) {
    var stack = indexOf.has(slide) ? slide : slide.parentNode;
    if (!indexOf.has(stack)) return original.getIndices.call(api, slide);
    var v;
    if (stack !== slide) v = Math.max(innerSlides(stack).indexOf(slide), 0);
    return { h: indexOf.get(stack), v: v, f: undefined };
  }

  /* ---- the reveal.js API, in global indices ---- */

  var patched = {
    getIndices: function (slide) {
      if (slide) return local ? original.getIndices.call(api, slide) : indicesOf(slide);
      if (local) return original.getIndices.call(api);
      return globalHere();
    },
    slide: function (h, v, f, origin) {
      if (typeof h === "number" && !local) {
        var g = clamp(h);
        if (started && !comfortable(g)) jumpTo(g);
        h = g - lo;
      }
      return original.slide.call(api, h, v, f, origin);
    },
    getState: function () {
      var state = original.getState.call(api);
      state.indexh = globalHere().h;
      return state;
    },
    setState: function (state) {
      if (state && typeof state.indexh === "number") {
        patched.slide(state.indexh, state.indexv, state.indexf);
        state = Object.assign({}, state, { indexh: state.indexh - lo });
      }
      return original.setState.call(api, state);
    },
    getTotalSlides: function () {
      return prefix[N];
    },
    getSlidePastCount: function (slide) {
      slide = slide || api.getCurrentSlide();
      if (!slide) return 0;
      var at = indicesOf(slide);
      var past = prefix[at.h];
      if (at.v) past += innerSlides(all[at.h]).slice(0, at.v).filter(counted).length;
      return past;
    },
    getProgress: function () {
      var total = prefix[N];
      var past = patched.getSlidePastCount();
      var slide = api.getCurrentSlide();
      if (slide) {
        var fragments = slide.querySelectorAll(".fragment");
        if (fragments.length) {
          past += (slide.querySelectorAll(".fragment.visible").length / fragments.length) * 0.9;
        }
      }
      return Math.min(past / (total - 1), 1);
    },
    getSlides: function () {
      if (!leaves) {
        leaves = [];
        all.forEach(function (stack) {
          var inner = innerSlides(stack);
          (inner.length ? inner : [stack]).forEach(function (slide) {
            if (counted(slide)) leaves.push(slide);
          });
        });
      }
      return leaves.slice();
    },
    getSlide: function (h, v) {
      var stack = all[h];
      if (!stack || typeof v !== "number") return stack;
      return innerSlides(stack)[v];
    },
    isFirstSlide: function () {
      var at = globalHere();
      return at.h === 0 && !at.v;
    },
    isLastSlide: function () {
      var at = globalHere();
      var stack = all[at.h];
      var inner = stack ? innerSlides(stack) : [];
      return at.h === N - 1 && (inner.length === 0 || (at.v || 0) === inner.length - 1);
    },
  };

  /* Into the deck object reveal's controllers and plugins share, and into
   * the global Reveal, a copy of it for scripts on the page. */
  function patch(deck) {
    Object.keys(patched).forEach(function (name) {
      original[name] = deck[name];
      deck[name] = patched[name];
      if (window.Reveal && window.Reveal !== deck) window.Reveal[name] = patched[name];
    });
    original.sync = deck.sync;
  }

  /* reveal's own controllers that pair indices with its DOM: local ones. */
  function inLocal(object, name) {
    var method = object && object[name];
    if (typeof method !== "function") return;
    object[name] = function () {
      local++;
      try {
        return method.apply(object, arguments);
      } finally {
        local--;
      }
    };
  }

  /* ---- search: the plugin walks the page's text ---- */

  function onSearchKey(event) {
    var input = event.target;
    if (!input.classList || !input.classList.contains("searchinput")) return;
    if ((event.keyCode !== 13 && event.key !== "Enter") || !input.value.trim()) return;
    if (!searching) {
      searching = true;
      watchSearchBox(input.closest(".searchbox"));
    }
    mountAll(); // before the plugin's own keyup handler runs: it searches now
  }

  var boxObserver = null;
  function watchSearchBox(box) {
    if (!box || boxObserver) return;
    boxObserver = new MutationObserver(function () {
      if (box.style.display !== "none" || !searching) return;
      searching = false; // the box closed and took its highlights away
      scheduleRecentre();
    });
    boxObserver.observe(box, { attributes: true, attributeFilter: ["style"] });
  }

  /* ---- start ---- */

  function start() {
    api.on("slidechanged", function () {
      var g = globalHere().h;
      if (comfortable(g)) return;
      // At the window's very edge reveal.js could go no further: now.
      if ((g - lo < 2 && lo > 0) || (hi - g <= 2 && hi < N)) recentre();
      else scheduleRecentre();
    });
    api.on("overviewhidden", scheduleRecentre);
  }

  // reveal.js has no config before initialize(): read the deck's options.
  function oneBased() {
    var element = document.getElementById("deck-options");
    try {
      return !!(element && JSON.parse(element.textContent).hashOneBasedIndex);
    } catch (error) {
      return false;
    }
  }

  function startAt() {
    var match = /^#\/(\d+)/.exec(location.hash);
    if (match) return clamp(parseInt(match[1], 10) - (oneBased() ? 1 : 0));
    var id = /^#\/([^/]+)/.exec(location.hash);
    if (!id) return 0;
    var name = decodeURIComponent(id[1]);
    for (var i = 0; i < N; i++) {
      if (all[i].id === name || all[i].querySelector('[id="' + name.replace(/"/g, "") + '"]')) {
        return i;
      }
    }
    return 0;
  }

  SILENT.forEach(function (type) {
    window.addEventListener(type, function (event) {
      if (silent) event.stopImmediatePropagation();
    }, true);
  });
  document.addEventListener("keyup", onSearchKey, true);

  reindex();
  var first = around(startAt());
  mount(first[0], first[1]);

  window.deckWindow = {
    id: "deck-window",
    active: true,
    /* reveal.js calls this before it lays the slides out. */
    init: function (deck) {
      api = deck;
      patch(deck);
      started = true;
      inLocal(deck.backgrounds, "update");
      inLocal(deck.backgrounds, "updateParallax");
      var overview = deck.overview;
      if (overview && typeof overview.activate === "function") {
        var activate = overview.activate;
        overview.activate = function () {
          mountAll(); // the overview shows every slide
          return activate.apply(overview, arguments);
        };
      }
      if (deck.isReady()) start();
      else deck.on("ready", start);
    },
    /* deck.js: reveal's End key goes to the last stack of the whole deck. */
    options: function (options) {
      if (options.keyboard === false) return options;
      var keys = typeof options.keyboard === "object" ? options.keyboard : {};
      options.keyboard = Object.assign({
        35: function () { api.slide(N - 1); },
      }, keys);
      return options;
    },
    stacks: function () {
      return all.slice();
    },
    replace: function (list) {
      var here = currentStack();
      var at = here && list.indexOf(here) !== -1 ? list.indexOf(here) : globalHere().h;
      topSections().forEach(function (el) { el.remove(); });
      all = list.slice();
      reindex();
      lo = hi = 0;
      var want = api.isOverview() || searching ? [0, N] : around(clamp(at));
      announce(mount(want[0], want[1]));
    },
    mountAll: mountAll,
  };
})();
