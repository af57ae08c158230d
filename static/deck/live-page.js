/* Live reload, on the page: what a save changes in the open deck.
 *
 * Given the stacks the server sent (every stack's key, the HTML of only
 * those the page lacks) and where to land, swap them in place, with no
 * reload: reveal.js, the speaker view and the position all stay. Also the
 * overlay that names file and line when a save is broken, and the nudge that
 * makes the speaker view show edited notes at once.
 *
 * Loaded after live.js, it adds no global: it attaches one function to the
 * plugin object, window.deckLive.page(deck), which live.js calls when the
 * deck starts (live.js hears of saves and fetches the state; this file
 * applies it). It returns
 *   markKeys(keys, plain)          tag the stacks drawn with the page
 *   update(stacks, goto)           swap the stacks in and land; false when
 *                                  the page and the server disagree on what
 *                                  is on screen
 *   hereHash()                     the address of where the deck is
 *   showProblem(where, message, hint), hideProblem()   the overlay
 *   resendSpeakerNotes()           see below
 */
(function (plugin) {
  "use strict";
  var MAX_EDITED_IN_PLACE = 16;

  function parseStack(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    return template.content.firstElementChild;
  }

  function nested(stack) {
    return stack.querySelectorAll(":scope > section");
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
  }

  function hideProblem() {
    var box = document.getElementById("deck-live-error");
    if (box) box.hidden = true;
  }

  plugin.page = function (deck) {
    var slidesElement = deck.getSlidesElement();

    // A windowed big deck (window.js) keeps far stacks out of the DOM: its
    // list is the whole deck, in order.
    var windowed = window.deckWindow && window.deckWindow.active ? window.deckWindow : null;

    function topSections() {
      if (windowed) return windowed.stacks();
      return Array.prototype.filter.call(slidesElement.children, function (el) {
        return el.tagName === "SECTION";
      });
    }

    function markKeys(keys, plain) {
      topSections().forEach(function (section, index) {
        if (index >= keys.length) return;
        section.setAttribute("data-live-key", keys[index]);
        section.setAttribute("data-live-plain", plain[index] ? "1" : "0");
      });
    }

    function hereHash() {
      var at = deck.getIndices();
      var hash = "#/" + at.h;
      if (at.v || at.f !== undefined) hash += "/" + (at.v || 0);
      if (at.f !== undefined && at.f >= 0) hash += "/" + at.f;
      return hash;
    }

    function update(stacks, goto) {
      var edited = editInPlace(stacks);
      if (edited === null) {
        if (!replaceStacks(stacks)) return false;
        deck.sync();
        land(goto);
      } else {
        // Same slides, new words: sync just those (a full sync of a 1000-slide
        // deck rebuilds every background and costs a tenth of a second).
        edited.forEach(function (slide) {
          if (slide.isConnected) deck.syncSlide(slide); // a far one syncs as it mounts
        });
        deck.layout();
        if (!staysPut(goto)) land(goto);
      }
      return true;
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
      if (windowed) {
        windowed.replace(wanted);
        return true;
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

    return {
      markKeys: markKeys,
      update: update,
      hereHash: hereHash,
      showProblem: showProblem,
      hideProblem: hideProblem,
      resendSpeakerNotes: resendSpeakerNotes,
    };
  };
})(window.deckLive);
