// Verify an Expo ticket without the network, as the server does (casa.expo.tickets.Verifier):
// the QR secret is BODY.SIGNATURE, both base64url without padding; the body reads
// KID|TICKET|YEAR|CATEGORY and is signed with the edition's Ed25519 key. The gate downloads
// the edition's public keys (hex, by key id) and its revocation list: the offline bundle.
// Reasons are the server's: malformed, unknown_key, bad_signature, wrong_edition, revoked, ok.
(function () {
  "use strict";
  // RFC 8032, test 1: a known key and the signature of the empty message, to tell whether this
  // browser's WebCrypto verifies Ed25519 at all.
  var PROBE_KEY = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
  var PROBE_SIG = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065" +
    "224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";
  var ALGORITHM = { name: "Ed25519" };

  function hexBytes(hex) {
    if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) { throw new Error("not hex"); }
    var out = new Uint8Array(hex.length / 2);
    for (var i = 0; i < out.length; i++) { out[i] = parseInt(hex.substr(i * 2, 2), 16); }
    return out;
  }
  function unb64(text) {
    if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) { throw new Error("not base64url"); }
    var plain = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4));
    var out = new Uint8Array(plain.length);
    for (var i = 0; i < plain.length; i++) { out[i] = plain.charCodeAt(i); }
    return out;
  }
  function subtle() {
    return window.crypto && window.crypto.subtle ? window.crypto.subtle : null;
  }
  function importKey(hex) {
    return subtle().importKey("raw", hexBytes(hex), ALGORITHM, false, ["verify"]);
  }

  // Resolve to true when this browser verifies Ed25519 signatures (never rejects).
  function supported() {
    if (!subtle()) { return Promise.resolve(false); }
    return importKey(PROBE_KEY).then(function (key) {
      return subtle().verify(ALGORITHM, key, hexBytes(PROBE_SIG), new Uint8Array(0));
    }).then(function (ok) { return ok === true; }, function () { return false; });
  }

  // Split a secret into its parts, or return null when it is not a ticket of the Expo.
  function parse(secret) {
    var parts = String(secret).trim().split(".");
    if (parts.length !== 2) { return null; }
    try {
      var body = unb64(parts[0]);
      var signature = unb64(parts[1]);
      var fields = new TextDecoder("utf-8", { fatal: true }).decode(body).split("|");
      if (fields.length !== 4 || !/^\s*[+-]?\d+\s*$/.test(fields[2])) { return null; }
      return { kid: fields[0], ticket: fields[1], year: parseInt(fields[2], 10),
        category: fields[3], body: body, signature: signature };
    } catch (e) {
      return null;
    }
  }

  // Make a verifier from an offline bundle: {year, keys: {kid: hex}, revoked: [ticket]}.
  function verifier(bundle) {
    var keys = {};
    var revoked = {};
    (bundle.revoked || []).forEach(function (ticket) { revoked[ticket] = true; });
    function key(kid) {
      if (!Object.prototype.hasOwnProperty.call(bundle.keys || {}, kid)) { return null; }
      if (!keys[kid]) { keys[kid] = importKey(bundle.keys[kid]); }
      return keys[kid];
    }
    function verdict(ok, reason, parsed) {
      return { ok: ok, reason: reason, ticket: parsed ? parsed.ticket : null,
        year: parsed ? parsed.year : null, category: parsed ? parsed.category : null };
    }
    // Resolve to the verdict on a secret.
    function verify(secret) {
      var parsed = parse(secret);
      if (!parsed) { return Promise.resolve(verdict(false, "malformed", null)); }
      var found = key(parsed.kid);
      if (!found) {
        // Only this edition's keys travel in the bundle: a ticket naming another year is
        // another edition's (the server, which knows every key, says the same of a genuine one).
        var other = parsed.year !== Number(bundle.year);
        return Promise.resolve(verdict(false, other ? "wrong_edition" : "unknown_key", parsed));
      }
      return found.then(function (publicKey) {
        return subtle().verify(ALGORITHM, publicKey, parsed.signature, parsed.body);
      }).then(function (ok) {
        if (!ok) { return verdict(false, "bad_signature", parsed); }
        if (parsed.year !== Number(bundle.year)) { return verdict(false, "wrong_edition", parsed); }
        if (revoked[parsed.ticket]) { return verdict(false, "revoked", parsed); }
        return verdict(true, "ok", parsed);
      }, function () {
        return verdict(false, "bad_signature", parsed);
      });
    }
    return { verify: verify };
  }

  window.CasaTicketVerify = { supported: supported, parse: parse, verifier: verifier };
})();
