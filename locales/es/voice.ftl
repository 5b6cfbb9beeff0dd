## The phone line (src/voice/menu.rs). Spoken by a text-to-speech voice, or read aloud by a
## person for a recording (see "Phone line" in the README): write for the ear, in short sentences.
## $digit is the key to press.

voice-language-choice = Para español, oprima { $digit }.
# Keep in English: spoken by the English voice when nothing better is there.
voice-language-in-english = For Spanish, press { $digit }.
voice-needs = Para ayuda con internet en casa, oprima 1. Para una computadora o una tableta, oprima 2. Para ayuda con el uso de un teléfono, una computadora o internet, oprima 3.
voice-not-on-menu = Lo sentimos, esa no es una de las opciones.
voice-record = Gracias. Un navegador digital le devolverá la llamada a este número. Después del tono, puede dejar un mensaje con su nombre y cómo podemos ayudarle. Cuando termine, oprima la tecla de numeral o cuelgue.
voice-goodbye = Gracias por llamar. Adiós.
voice-no-choice = No recibimos una opción. Por favor, llame de nuevo. Adiós.
voice-no-number = No podemos ver el número desde el que llama, así que no podemos devolverle la llamada. Por favor, llame de nuevo desde un teléfono que muestre su número. Adiós.
voice-call-unknown = Lo sentimos, no pudimos continuar esta llamada. Por favor, llame de nuevo. Adiós.
voice-call-failed = Lo sentimos, algo falló de nuestro lado. Por favor, llame de nuevo en unos minutos. Adiós.
