## Text messages. Each must fit in 2 SMS segments with real values filled in: at most 306
## characters when every character is in the GSM alphabet, otherwise at most 134.

sms-confirmation = Navegadores Digitales de Denver: recibimos su solicitud { $code }. Vea { $url } Responda ALTO para parar.
sms-still-waiting = Navegadores Digitales de Denver: no hemos olvidado su solicitud { $code }. Un navegador se comunicará con usted pronto.
sms-did-you-apply = ¿Presentó su solicitud a { $program }? Responda 1 sí, 2 no, 3 necesito ayuda.
sms-still-connected = ¿Su internet en casa sigue funcionando? Responda SI o NO.
sms-satisfaction = ¿Qué tan contento está con la ayuda que recibió? Responda con un número del 1 (nada contento) al 5 (muy contento).
sms-opted-out = Ya no recibirá mensajes de Navegadores Digitales de Denver. Responda START para recibirlos de nuevo.
sms-opted-in = Recibirá de nuevo mensajes de Navegadores Digitales de Denver. Responda ALTO para dejar de recibirlos.
sms-help = Navegadores Digitales de Denver: ayuda gratis con internet y equipos. Llame al { $phone }. Responda ALTO para no recibir más.
sms-reply-received = Gracias. Su navegador verá su mensaje.
sms-template-call-back = Navegadores Digitales de Denver: intentamos llamarle por su solicitud { $code }. Llámenos al { $phone }.
sms-template-documents = Navegadores Digitales de Denver: para { $code }, traiga identificación con foto y una carta de ingresos o beneficios (como SNAP).

## Words residents may text back, separated by commas, in capitals, without accents.
sms-keywords-stop = ALTO, PARA, PARAR, DETENER, CANCELAR, BAJA, NO MAS
sms-keywords-start = COMENZAR, INICIAR, SI
sms-keywords-help = AYUDA, INFORMACION
sms-keywords-yes = SI, S
sms-keywords-no = NO, N
