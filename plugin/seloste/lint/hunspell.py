"""Hunspell's dictionaries through libhunspell itself (ctypes), answering as pyenchant does.

pyenchant opens a Hunspell dictionary through Enchant, and Enchant loads every provider
it has (aspell, hspell, hunspell, nuspell, voikko…) with their libraries (glib,
libaspell…): ~40 ms and several MiB that stay mapped after the dictionary is closed. The
spelling rule needs one library, Hunspell, so it asks libhunspell directly when it can
give the very answers Enchant gives (``open_dictionary``):

- the same files: the first ``<tag>.dic`` with its ``.aff`` in the folders Enchant's
  Hunspell provider searches first (its user folder, then each system data folder's
  ``hunspell``), the same library (``libhunspell-1.7.so.0``, the one the provider links);
- the same words: Enchant's personal word lists (``<tag>.dic``/``<tag>.exc`` in its user
  folder) are empty (Enchant creates them so; a word in them changes its answers, so then
  pyenchant is used);
- the same treatment of a word (``enchant_dict_check`` and the provider's ``checkWord``):
  an empty word is an error, a word of more than 300 bytes (UTF-8) is wrong, a word is
  put in NFC and in the dictionary's encoding (its ``SET``; a word it cannot hold is
  wrong), suggestions are told apart after NFD as Enchant merges them.

When any of this does not hold (no libhunspell, as on a Mac without it, or a dictionary
only Enchant finds) ``open_dictionary`` gives None and the caller uses pyenchant.
"""

from __future__ import annotations

import codecs
import ctypes
import os
import unicodedata

#: libhunspell as Debian's Enchant Hunspell provider links it (``libhunspell-1.7-0``).
LIBRARY = "libhunspell-1.7.so.0"
#: Enchant's provider refuses longer words (hunspell's MAXWORDLEN, 100, times 3 bytes).
MAX_WORD_BYTES = 300

_library: ctypes.CDLL | None = None


def _load() -> ctypes.CDLL | None:
    """libhunspell with the C functions' types set, or None when it is not installed."""
    global _library
    if _library is None:
        try:
            lib = ctypes.CDLL(LIBRARY)
        except OSError:
            return None
        handle = ctypes.c_void_p
        lib.Hunspell_create.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
        lib.Hunspell_create.restype = handle
        lib.Hunspell_destroy.argtypes = [handle]
        lib.Hunspell_destroy.restype = None
        lib.Hunspell_get_dic_encoding.argtypes = [handle]
        lib.Hunspell_get_dic_encoding.restype = ctypes.c_char_p
        lib.Hunspell_spell.argtypes = [handle, ctypes.c_char_p]
        lib.Hunspell_spell.restype = ctypes.c_int
        words = ctypes.POINTER(ctypes.POINTER(ctypes.c_char_p))
        lib.Hunspell_suggest.argtypes = [handle, words, ctypes.c_char_p]
        lib.Hunspell_suggest.restype = ctypes.c_int
        lib.Hunspell_free_list.argtypes = [handle, words, ctypes.c_int]
        lib.Hunspell_free_list.restype = None
        _library = lib
    return _library


def _user_config_dir() -> str:
    """Enchant's user folder (``enchant_get_user_config_dir``)."""
    env = os.environ.get("ENCHANT_CONFIG_DIR")
    if env is not None:
        return env
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return os.path.join(base, "enchant")


def _system_data_dirs() -> list[str]:
    """glib's ``g_get_system_data_dirs``."""
    dirs = os.environ.get("XDG_DATA_DIRS") or "/usr/local/share/:/usr/share/"
    return dirs.split(":")


def search_dirs() -> list[str]:
    """The folders Enchant's Hunspell provider looks in first, in its order (it may look in
    more after them: a dictionary found only there is left to Enchant)."""
    return [
        os.path.join(_user_config_dir(), "hunspell"),
        *(os.path.join(d, "hunspell") for d in _system_data_dirs()),
    ]


def find(tag: str) -> tuple[str, str] | None:
    """``tag``'s ``.aff`` and ``.dic`` as Enchant's Hunspell provider picks them."""
    for folder in search_dirs():
        dic = os.path.join(folder, f"{tag}.dic")
        if os.path.exists(dic) and os.path.exists(dic[:-3] + "aff"):
            return dic[:-3] + "aff", dic
    return None


def has_personal_words(tag: str) -> bool:
    """Whether Enchant's personal word list or exclude list for ``tag`` holds anything."""
    folder = _user_config_dir()
    for name in (f"{tag}.dic", f"{tag}.exc"):
        try:
            if os.path.getsize(os.path.join(folder, name)):
                return True
        except OSError:
            continue
    return False


class Dictionary:
    """One Hunspell dictionary (``check`` and ``suggest`` as pyenchant's ``Dict``)."""

    def __init__(self, lib: ctypes.CDLL, handle: int, tag: str, encoding: str) -> None:
        self._lib = lib
        self._handle: int | None = handle
        self.tag = tag
        self.encoding = encoding

    def _word(self, word: str) -> bytes | None:
        """``word`` as the provider hands it to Hunspell, or None when it is wrong as it is."""
        utf8 = word.encode()  # as pyenchant: a lone surrogate raises here
        if len(utf8) > MAX_WORD_BYTES:
            return None
        if not word.isascii():
            word = unicodedata.normalize("NFC", word)
        try:
            return word.encode(self.encoding)
        except UnicodeEncodeError:
            return None

    def _open(self) -> int:
        if self._handle is None:
            raise ValueError(f"the {self.tag} dictionary is closed")
        return self._handle

    def check(self, word: str) -> bool:
        if not word:
            raise ValueError("can't check spelling of empty string")
        handle = self._open()
        data = self._word(word)
        return data is not None and self._lib.Hunspell_spell(handle, data) != 0

    def suggest(self, word: str) -> list[str]:
        if not word:
            raise ValueError("can't suggest spellings for empty string")
        handle = self._open()
        data = self._word(word)
        if data is None:
            return []
        found = ctypes.POINTER(ctypes.c_char_p)()
        count = self._lib.Hunspell_suggest(handle, ctypes.byref(found), data)
        try:
            raw = [found[i] for i in range(count)]
        finally:
            if count:
                self._lib.Hunspell_free_list(handle, ctypes.byref(found), count)
        out: list[str] = []
        seen: set[str] = set()
        for item in raw:
            try:
                text = (item or b"").decode(self.encoding)
            except UnicodeError:
                continue
            if not text:
                continue
            key = unicodedata.normalize("NFD", text)
            if key not in seen:  # Enchant merges suggestions equal after NFD
                seen.add(key)
                out.append(text)
        return out

    def close(self) -> None:
        """Free the dictionary (``Hunspell_destroy``); it cannot be asked after this."""
        handle, self._handle = self._handle, None
        if handle is not None:
            self._lib.Hunspell_destroy(handle)

    def __del__(self) -> None:
        self.close()


def open_dictionary(tag: str) -> Dictionary | None:
    """``tag``'s dictionary through libhunspell, or None when pyenchant is to be asked
    (no libhunspell, no such dictionary where Enchant's provider looks first, personal
    words, or an encoding Python does not know)."""
    if has_personal_words(tag):
        return None
    files = find(tag)
    if files is None:
        return None
    lib = _load()
    if lib is None:
        return None
    aff, dic = (os.fsencode(p) for p in files)
    handle = lib.Hunspell_create(aff, dic)
    if not handle:
        return None
    encoding = (lib.Hunspell_get_dic_encoding(handle) or b"").decode("ascii", "replace")
    try:
        codecs.lookup(encoding)
    except LookupError:
        lib.Hunspell_destroy(handle)
        return None
    return Dictionary(lib, handle, tag, encoding)
