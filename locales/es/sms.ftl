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

## Pedir ayuda por mensaje de texto: una pregunta por mensaje.
sms-intake-menu = Navegadores Digitales de Denver. ALTO para parar. ¿Su idioma? { $menu }
sms-intake-menu-again = Responda con el número de su idioma: { $menu }
sms-intake-hello = Navegadores Digitales de Denver: ayuda gratis con internet y equipos. ALTO para parar, ATRAS para volver. ¿Cómo se llama?
sms-intake-name-again = Escriba su nombre con letras, por favor. ¿Cómo se llama?
sms-intake-name-long = Es muy largo para un nombre. Escriba un nombre más corto.
sms-intake-needs = ¿Con qué necesita ayuda? Responda uno o más números: 1 internet en casa, 2 un equipo, 3 ayuda con la tecnología
sms-intake-needs-again = Responda con números de la lista, como 1 o 1 3: 1 internet en casa, 2 un equipo, 3 ayuda con la tecnología
sms-intake-place = ¿Dónde vive? Responda con su código postal o el nombre de su vecindario.
sms-intake-place-unknown = No encontramos ese lugar. Responda con su código postal de 5 cifras o el nombre de su vecindario en Denver.
sms-intake-place-outside = Ese código postal está fuera de nuestra zona. Si vive en Denver, responda con su código postal o vecindario.
sms-intake-consent = Última pregunta: ¿podemos enviarle mensajes sobre su solicitud? Responda SI o NO.
sms-intake-consent-again = Responda SI o NO: ¿podemos enviarle mensajes sobre su solicitud?
sms-intake-done = Gracias. Código: { $code }. Un navegador le contactará pronto. Vea { $url } o llame al { $phone }.
sms-intake-refused = Lo sentimos, no podemos recibir solicitudes por texto de este número. Llame al { $phone }.
sms-intake-expired = Su solicitud por texto no se terminó y la borramos. Para empezar de nuevo, envíe NUEVO.

## Words residents may text back, separated by commas, in capitals, without accents.
sms-keywords-stop = ALTO, PARA, PARAR, DETENER, CANCELAR, BAJA, NO MAS
sms-keywords-start = COMENZAR, INICIAR, SI
sms-keywords-help = AYUDA, INFORMACION
sms-keywords-yes = SI, S
sms-keywords-no = NO, N
sms-keywords-new = NUEVO, NUEVA, NUEVA SOLICITUD
sms-keywords-back = ATRAS, VOLVER
sms-keywords-restart = REINICIAR, EMPEZAR DE NUEVO

## Citas (recordatorios, respuestas, horas ofrecidas por número).
sms-weekday = { $day ->
    [1] lunes
    [2] martes
    [3] miércoles
    [4] jueves
    [5] viernes
    [6] sábado
   *[7] domingo
}
sms-appointment-date = %d/%m
sms-appointment-time = %H:%M
sms-appointment-when = { $weekday } { $date }, { $time }
sms-reminder-day-before = Navegadores Digitales de Denver: su cita es mañana, { $when }, en { $site }, { $address }. Responda OK para confirmar, CAMBIAR para otra hora, NO VOY para cancelar.
sms-reminder-soon = Navegadores Digitales de Denver: su cita es hoy a las { $time }, en { $site }, { $address }. Responda OK para confirmar, CAMBIAR para otra hora, NO VOY para cancelar.
sms-appointment-confirmed = Gracias, su cita del { $when } está confirmada. Le esperamos en { $site }.
sms-appointment-cancelled = Su cita del { $when } está cancelada. Responda CAMBIAR para recibir otras horas.
sms-appointment-booked = Tiene cita: { $when } en { $site }, { $address }. Responda NO VOY para cancelar.
sms-slot-offer = Navegadores Digitales de Denver: elija una hora para su cita. Responda con su número: { $slots }
sms-slot-offer-none = Lo sentimos, no hay horas libres en las próximas dos semanas. Un navegador le contactará, o llame al { $phone }.
sms-slot-not-offered = { $count ->
    [1] Responda 1 para tomar la hora que le enviamos.
   *[other] Responda con un número del 1 al { $count }: el de una de las horas que le enviamos.
}
sms-slot-expired = Esas horas ya no están reservadas para usted. Responda CAMBIAR para recibir otras.
sms-slot-taken = Lo sentimos, alguien acaba de tomar esa hora. Otras horas, responda con su número: { $slots }
sms-no-show = Navegadores Digitales de Denver: hoy no pudimos verle. ¡No pasa nada! Elija otra hora, responda con su número: { $slots }
sms-no-show-none = Navegadores Digitales de Denver: hoy no pudimos verle. ¡No pasa nada! Un navegador le contactará para buscar otra hora, o llame al { $phone }.
sms-keywords-confirm = OK, VALE, CONFIRMO, CONFIRMAR, CONFIRMADO, AHI ESTARE
sms-keywords-cancel-appointment = NO VOY, NO PUEDO IR, NO IRE, NO VOY A IR
sms-keywords-another-time = CAMBIAR, CAMBIO, OTRA HORA, OTRO DIA, OTRA FECHA
## Issue 17, part C: a navigator no longer available; their bookings are cancelled. $code, $url.
sms-appointment-cancelled-navigator = Navegadores Digitales de Denver: lo sentimos, su cita de la solicitud { $code } fue cancelada porque su navegador no puede venir. Elija otra hora en { $url }
## Issue 18, part B: a lent device due back soon or late, and the answer to a reply asking for
## more time. $device (one of sms-loan-device-*), $tag (its asset tag), $date (sms-loan-day).
sms-loan-day = { $weekday } { $date }
sms-loan-device-hotspot = punto de acceso a internet (hotspot)
sms-loan-device-laptop = computadora portátil
sms-loan-device-tablet = tableta
sms-loan-device-chromebook = Chromebook
sms-loan-device-other = dispositivo
sms-loan-due-soon = Navegadores Digitales de Denver: por favor devuelva su { $device } ({ $tag }) a más tardar el { $date }. ¿Necesita más tiempo? Responda MAS TIEMPO.
sms-loan-overdue = Navegadores Digitales de Denver: su { $device } ({ $tag }) debía devolverse el { $date }. Por favor devuélvalo, o responda MAS TIEMPO para pedir más tiempo a su navegador.
sms-loan-more-time = Gracias. Le dijimos a su navegador que necesita más tiempo con su { $device }. Le contactará para acordar una nueva fecha.
# Replies asking for more time with a lent device. None may be an opt-out, opt-in or help
# word, nor an appointment word, of any language.
sms-keywords-more-time = MAS TIEMPO, NECESITO MAS TIEMPO, EXTENDER, PRORROGA, AMPLIAR PLAZO
