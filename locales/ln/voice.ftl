## The phone line (src/voice/menu.rs). Spoken by a text-to-speech voice, or read aloud by a
## person for a recording (see "Phone line" in the README): write for the ear, in short sentences.
## $digit is the key to press.

# Twilio has no Lingala voice: these are the scripts for the recordings (ln/*.mp3) a city puts
# in NAVDESK_VOICE_PROMPTS. Without a recording, the English text is spoken instead.
voice-language-choice = Mpo na Lingála, finá { $digit }.
# Keep in English: spoken by the English voice when no recording of the line above is there.
voice-language-in-english = For Lingala, press { $digit }.
voice-needs = Mpo na lisalisi ya kozwa internet na ndako, finá 1. Mpo na ordinatɛ to tablɛti, finá 2. Mpo na lisalisi ya kosalela telefone, ordinatɛ to internet, finá 3.
voice-not-on-menu = Bolimbisi, yango ezali moko ya maponi te.
voice-record = Matɔndi. Mosalisi moko akobenga yo lisusu na nimero oyo. Nsima ya lokito, okoki kotika nsango na nkombo na yo mpe ndenge tokoki kosalisa yo. Soki osili, finá bouton ya dièse to kata telefone.
voice-goodbye = Matɔndi mpo obengaki. Tokomonana.
voice-no-choice = Tozwi maponi moko te. Svp benga lisusu. Tokomonana.
voice-no-number = Tozali komona nimero na yo te, yango wana tokoki kobenga yo lisusu te. Svp benga lisusu na telefone oyo emonisaka nimero na yango. Tokomonana.
voice-call-unknown = Bolimbisi, tokoki kokoba libengi oyo te. Svp benga lisusu. Tokomonana.
voice-call-failed = Bolimbisi, likambo moko ebebi epai na biso. Svp benga lisusu nsima ya miniti moke. Tokomonana.
