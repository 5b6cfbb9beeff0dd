## The phone line (src/voice/menu.rs). Spoken by a text-to-speech voice, or read aloud by a
## person for a recording (see "Phone line" in the README): write for the ear, in short sentences.
## $digit is the key to press.

# Twilio has no Amharic voice: these are the scripts for the recordings (am/*.mp3) a city puts
# in NAVDESK_VOICE_PROMPTS. Without a recording, the English text is spoken instead.
voice-language-choice = ለአማርኛ { $digit } ይጫኑ።
# Keep in English: spoken by the English voice when no recording of the line above is there.
voice-language-in-english = For Amharic, press { $digit }.
voice-needs = በቤት ውስጥ ኢንተርኔት ለማግኘት እርዳታ ከፈለጉ 1 ይጫኑ። ኮምፒውተር ወይም ታብሌት ከፈለጉ 2 ይጫኑ። ስልክ፣ ኮምፒውተር ወይም ኢንተርኔት ለመጠቀም እርዳታ ከፈለጉ 3 ይጫኑ።
voice-not-on-menu = ይቅርታ፣ ያ ከምርጫዎቹ አንዱ አይደለም።
voice-record = እናመሰግናለን። ዲጂታል አጋዥ በዚህ ቁጥር መልሶ ይደውልልዎታል። ከድምፁ በኋላ ስምዎንና እንዴት ልንረዳዎ እንደምንችል የሚገልጽ መልእክት መተው ይችላሉ። ሲጨርሱ የፓውንድ ቁልፉን ይጫኑ ወይም ስልኩን ይዝጉ።
voice-goodbye = ስለደወሉ እናመሰግናለን። ደህና ይሁኑ።
voice-no-choice = ምርጫ አልደረሰንም። እባክዎ እንደገና ይደውሉ። ደህና ይሁኑ።
voice-no-number = የሚደውሉበትን ቁጥር ማየት ስለማንችል መልሰን መደወል አንችልም። እባክዎ ቁጥሩን ከሚያሳይ ስልክ እንደገና ይደውሉ። ደህና ይሁኑ።
voice-call-unknown = ይቅርታ፣ ይህን ጥሪ መቀጠል አልቻልንም። እባክዎ እንደገና ይደውሉ። ደህና ይሁኑ።
voice-call-failed = ይቅርታ፣ በእኛ በኩል ችግር ተፈጥሯል። እባክዎ ከጥቂት ደቂቃዎች በኋላ እንደገና ይደውሉ። ደህና ይሁኑ።
