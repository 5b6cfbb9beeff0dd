## The phone line (src/voice/menu.rs). Spoken by a text-to-speech voice, or read aloud by a
## person for a recording (see "Phone line" in the README): write for the ear, in short sentences.
## $digit is the key to press.

# This language's line of the language menu, in this language.
voice-language-choice = For English, press { $digit }.
# The same line in English words, spoken by the English voice when Twilio has no voice for this
# language and no recording of it is in the prompts folder: keep it in English.
voice-language-in-english = For English, press { $digit }.
voice-needs = For help getting internet at home, press 1. For a computer or a tablet, press 2. For help using a phone, a computer or the internet, press 3.
voice-not-on-menu = Sorry, that is not one of the choices.
voice-record = Thank you. A digital navigator will call you back at this number. After the tone, you may leave a message with your name and how we can help. When you are done, press the pound key or hang up.
voice-goodbye = Thank you for calling. Goodbye.
voice-no-choice = We did not get a choice. Please call again. Goodbye.
voice-no-number = We cannot see the number you are calling from, so we cannot call you back. Please call again from a phone that shows its number. Goodbye.
voice-call-unknown = Sorry, we could not continue this call. Please call again. Goodbye.
voice-call-failed = Sorry, something went wrong on our side. Please call again in a few minutes. Goodbye.
