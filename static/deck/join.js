/* Join by code: in the presenter's window, Q shows the audience link as a
 * QR code over the slides (and Q or Esc hides it), so the room can scan it
 * off the projector. The code is drawn by the server (deck/follow/join.py,
 * segno) into the page's follow configuration (#deck-follow, "join"); only
 * the presenter's page has it.
 *
 * A reveal.js plugin (id "deck-join"), registered by deck.js on follow
 * pages; its entry point is window.deckJoin.
 */
(function () {
  "use strict";

  var JOIN_KEY = 81; // Q: free in reveal.js (J is "down", like vim)

  function loopback(hostname) {
    return /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i.test(hostname);
  }

  function makeOverlay(join) {
    var overlay = document.createElement("div");
    overlay.className = "follow-join";
    overlay.hidden = true;
    overlay.setAttribute("role", "dialog");
    overlay.setAttribute("aria-modal", "true");
    overlay.setAttribute("aria-labelledby", "follow-join-title");
    var title = document.createElement("h2");
    title.id = "follow-join-title";
    title.textContent = "Follow the slides on your phone";
    var code = document.createElement("div");
    code.className = "follow-join-picture";
    // Markup the server drew with segno from the audience link alone.
    code.innerHTML = join.svg;
    var link = document.createElement("p");
    link.className = "follow-join-link";
    link.textContent = join.url;
    var hint = document.createElement("p");
    hint.className = "follow-join-hint";
    hint.textContent = "Scan the code or type the address. Q or Esc closes this.";
    overlay.appendChild(title);
    overlay.appendChild(code);
    overlay.appendChild(link);
    if (loopback(new URL(join.url).hostname)) {
      var warning = document.createElement("p");
      warning.className = "follow-join-warning";
      warning.textContent =
        "This address only works on this computer: run manage.py present with --host and the address the room reaches.";
      overlay.appendChild(warning);
    }
    overlay.appendChild(hint);
    overlay.tabIndex = -1;
    document.body.appendChild(overlay);
    return overlay;
  }

  function init(deck) {
    var element = document.getElementById("deck-follow");
    if (!element || deck.isSpeakerNotes()) return;
    var join = JSON.parse(element.textContent).join;
    if (!join) return; // a follower's page: nothing to hand out
    var overlay = null;
    var before = null;

    function toggle(show) {
      overlay = overlay || makeOverlay(join);
      var showing = typeof show === "boolean" ? show : overlay.hidden;
      if (showing === !overlay.hidden) return;
      overlay.hidden = !showing;
      if (showing) {
        before = document.activeElement;
        overlay.focus();
      } else if (before && before.focus) {
        before.focus();
      }
    }

    deck.addKeyBinding({ keyCode: JOIN_KEY, key: "Q", description: "Show the join code (QR)" }, function () {
      toggle();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && overlay && !overlay.hidden) {
        event.preventDefault();
        event.stopImmediatePropagation(); // not reveal.js's overview too
        toggle(false);
      }
    }, true);
    window.deckJoin.toggle = toggle;
  }

  window.deckJoin = { id: "deck-join", init: init };
})();
