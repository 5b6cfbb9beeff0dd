## Shared page frame
site-name = Navegadores Digitales de Denver
skip-to-content = Ir al contenido principal
language-chooser = Idioma
footer-privacy = Usamos su información solo para ayudarle. Nunca la vendemos.
nav-check-status = Consultar el estado de una solicitud
date-format = %d/%m/%Y

## Landing page
landing-title = Reciba ayuda con internet, un dispositivo o la tecnología
landing-intro = Ayuda gratuita para residentes de Denver. Un navegador digital le ayudará en su idioma.
landing-get-help = Pedir ayuda
landing-free = Es gratis. No necesita una cuenta. Toma unos 3 minutos.
landing-already-title = ¿Ya pidió ayuda?
landing-check-status = Consulte su solicitud con su código de referencia

## Needs
need-internet = Internet en casa
need-internet-hint = Encontrar internet en casa a bajo costo o con descuento.
need-device = Una computadora o tableta
need-device-hint = Conseguir un dispositivo gratis o a bajo costo.
need-tech_support = Ayuda para usar la tecnología
need-tech_support-hint = Aprender a usar el correo electrónico, las videollamadas, los formularios en línea y a protegerse en internet.

## Request form
form-title = Pedir ayuda
form-intro = Cuéntenos un poco sobre usted. Solo debe contestar las preguntas marcadas como "obligatorio".
form-required = (obligatorio)
form-section-you = Sobre usted
form-name = Su nombre
form-name-hint = El nombre con el que quiere que le llamemos.
form-language = Idioma que debemos usar con usted
form-language-hint = Le hablaremos y le enviaremos mensajes en este idioma.
form-section-contact = ¿Cómo podemos comunicarnos con usted?
form-contact-hint = Escriba un número de teléfono, un correo electrónico o ambos.
form-phone = Número de teléfono
form-phone-hint = Por ejemplo { $example_phone }.
form-email = Correo electrónico
form-contact-method = ¿Cómo prefiere que nos comuniquemos con usted?
contact-sms = Mensaje de texto
contact-call = Llamada telefónica
contact-email = Correo electrónico
form-sms-consent-legend = Mensajes de texto
form-sms-consent = Sí, envíenme mensajes de texto sobre mi solicitud.
form-sms-consent-hint = Pueden aplicarse tarifas de mensajes y datos. Responda STOP o ALTO en cualquier momento para dejar de recibirlos.
form-section-where = ¿Dónde vive?
form-where-hint = Elija su vecindario, o escriba su código postal o su dirección. Lo usamos para encontrar ayuda cerca de usted.
form-area = Vecindario
form-area-none = No sé / no aparece
form-zip = Código postal
form-address = Dirección
form-address-hint = Opcional. Por ejemplo { $example_address }.
form-section-needs = ¿Con qué necesita ayuda?
form-needs = Elija todo lo que necesite
form-needs-hint = Elija al menos una opción.
form-details = ¿Hay algo más que debamos saber?
form-details-hint = Opcional. Hasta 2.000 caracteres.
form-section-household = Sobre su hogar
form-household-hint = Opcional. Estas respuestas nos ayudan a encontrar programas gratuitos o más baratos para usted.
form-household-size = ¿Cuántas personas viven en su casa?
form-income = Ingresos del hogar por mes, en dólares
form-income-hint = Antes de impuestos. Un número entero, por ejemplo { $example_income }.
form-benefits = ¿Alguien en su casa recibe alguno de estos beneficios?
form-benefits-hint = Elija todos los que correspondan.
benefit-snap = SNAP (cupones de alimentos)
benefit-medicaid = Medicaid (Health First Colorado)
benefit-wic = WIC
benefit-ssi = SSI
benefit-lifeline = Lifeline
benefit-public_housing = Vivienda pública o un vale de vivienda
benefit-school_lunch = Almuerzo escolar gratis o a precio reducido
benefit-pell = Beca Pell
benefit-va = Pensión de veteranos
form-age = Su edad
age-under_18 = Menos de 18 años
age-18_24 = De 18 a 24 años
age-25_44 = De 25 a 44 años
age-45_59 = De 45 a 59 años
age-60_64 = De 60 a 64 años
age-65_plus = 65 años o más
form-section-optional = Preguntas opcionales
form-accessibility = ¿Necesita alguna de estas cosas?
access-interpreter = Un intérprete
access-large_print = Letra grande
access-hearing = Ayuda por pérdida de audición
access-screen_reader = Documentos que funcionen con lector de pantalla
form-race = Su raza u origen étnico
form-race-hint = Opcional. Elija todas las opciones que le describan. Solo lo usamos para comprobar que todas las personas reciben ayuda de manera justa, y nunca lo mostramos junto a su nombre.
race-american_indian = Indígena de las Américas o nativo de Alaska
race-asian = Asiático
race-black = Negro o afroamericano
race-hispanic = Hispano o latino
race-middle_eastern = De Oriente Medio o del norte de África
race-pacific_islander = Nativo de Hawái o de las islas del Pacífico
race-white = Blanco
race-other = Otra raza u origen étnico
race-prefer_not_to_say = Prefiero no decirlo
form-veteran = ¿Ha servido en las fuerzas armadas de EE. UU. (es veterano o veterana)?
form-veteran-hint = Opcional. Lo preguntamos porque los programas que pagan esta ayuda quieren saber que llega a los veteranos. Solo contamos las respuestas en totales, nunca junto a su nombre.
form-disability = ¿Tiene alguna discapacidad?
form-disability-hint = Opcional. Lo preguntamos para contar que las personas con discapacidad reciben ayuda, y para planificarla. Solo contamos las respuestas en totales, nunca junto a su nombre.
answer-yes = Sí
answer-no = No
answer-prefer_not = Prefiero no decirlo
form-honeypot = Deje este campo vacío
form-submit = Enviar mi solicitud

## Errors in the form
error-title-prefix = Error
error-summary-title = Hay un problema
error-name-required = Escriba su nombre.
error-name-too-long = Su nombre debe tener 200 caracteres o menos.
error-language-invalid = Elija un idioma de la lista.
error-phone-invalid = Escriba un número de teléfono de 10 dígitos, como { $example_phone }.
error-phone-letters = Un número de teléfono solo puede tener números, espacios, guiones y paréntesis.
error-phone-needed = Escriba un número de teléfono para que podamos llamarle o enviarle mensajes.
error-email-invalid = Escriba un correo electrónico como nombre@ejemplo.com.
error-email-needed = Escriba un correo electrónico para que podamos escribirle.
error-contact-required = Escriba un número de teléfono o un correo electrónico para que podamos comunicarnos con usted.
error-contact-method-invalid = Elija cómo debemos comunicarnos con usted.
error-sms-consent-required = Para recibir mensajes de texto, marque la casilla que dice sí.
error-area-invalid = Elija un vecindario de la lista.
error-location-required = Elija su vecindario, o escriba su código postal o su dirección.
error-zip-invalid = Escriba un código postal de 5 números, como { $example_zip }.
error-address-too-long = La dirección debe tener 300 caracteres o menos.
error-needs-required = Elija al menos una cosa con la que necesite ayuda.
error-needs-invalid = Elija lo que necesita de la lista.
error-details-too-long = Escriba 2.000 caracteres o menos.
error-household-invalid = Escriba cuántas personas viven en su casa, de 1 a 20.
error-income-invalid = Escriba los ingresos mensuales como un número entero de dólares, como { $example_income }.
error-choice-invalid = Elija de la lista.
error-ref-invalid = Escriba el código de referencia de 8 caracteres, como { $example_code }.
error-last4-invalid = Escriba los últimos 4 dígitos de su número de teléfono.

## Confirmation
confirm-title = Recibimos su solicitud
confirm-code-intro = Su código de referencia es:
confirm-code-keep = Anote este código o tómele una foto. Lo necesita para consultar su solicitud.
confirm-next-title = Qué pasa ahora
confirm-next-sms = Le enviaremos un mensaje de texto con su código.
confirm-sms-stopped = Usted nos pidió antes que dejáramos de enviar mensajes a este número, así que no le enviaremos mensajes. Para recibirlos otra vez, responda START a cualquier mensaje nuestro.
confirm-next-call = Le llamaremos.
confirm-next-email = Le enviaremos un correo electrónico.
confirm-next-navigator = Un navegador digital se comunicará con usted, normalmente en 2 días hábiles.
confirm-next-status = Puede consultar su solicitud en cualquier momento con su código y los últimos 4 dígitos de su teléfono.
confirm-asked-title = Usted pidió ayuda con
confirm-programs-title = Programas para los que podría calificar
confirm-programs-intro = Un navegador le ayudará a solicitarlos. Cada programa dice por qué podría corresponderle.
confirm-programs-none = Todavía no encontramos un programa para usted. Un navegador revisará su solicitud con usted.

## Status
status-title = Consultar su solicitud
status-intro = Escriba su código de referencia y los últimos 4 dígitos del número de teléfono que nos dio.
status-ref = Código de referencia
status-ref-hint = 8 letras y números, por ejemplo { $example_code }.
status-last4 = Últimos 4 dígitos de su número de teléfono
status-last4-hint = Por ejemplo, si su número es { $example_phone }, escriba { $example_last4 }.
status-submit = Consultar mi solicitud
status-not-found-title = No encontramos esa solicitud
status-not-found = Revise el código y los últimos 4 dígitos de su teléfono y vuelva a intentarlo. Si aún no la encuentra, pida ayuda de nuevo.
status-result-title = Su solicitud
status-submitted = Enviada el
status-age = { $days ->
    [0] La envió hoy.
    [one] La envió hace { $days } día.
   *[other] La envió hace { $days } días.
}
status-current = Estado
status-first-contact = Primer contacto
status-new-request = Pedir ayuda con otra cosa
status-new = Recibida. Esperando a un navegador.
status-new-next = Un navegador digital se comunicará con usted pronto.
status-assigned = Un navegador tiene su solicitud.
status-assigned-next = Su navegador se comunicará con usted pronto.
status-in_progress = Su navegador está trabajando en ella.
status-in_progress-next = Su navegador seguirá en contacto con usted.
status-waiting_on_resident = Su navegador espera una respuesta de usted.
status-waiting_on_resident-next = Por favor, conteste el último mensaje o la última llamada de su navegador.
status-referred = Le enviamos a un programa que puede ayudarle.
status-referred-next = El programa se comunicará con usted. Su navegador puede ayudarle a presentar la solicitud.
status-resolved = Listo. Le ayudamos a conectarse.
status-resolved-next = Si necesita más ayuda, pida ayuda de nuevo en cualquier momento.
status-closed = Cerrada.
status-closed-next = Si todavía necesita ayuda, pida ayuda de nuevo en cualquier momento.

## Error pages
error-go-home = Ir a la página principal
error-request-id = Si nos llama, díganos este número: { $id }
error-400-title = Hay un problema con esa solicitud
error-400-body = Por favor, regrese e inténtelo de nuevo.
error-404-title = No encontramos la página
error-404-body = Revise la dirección o empiece de nuevo desde la página principal.
error-413-title = Envió demasiado
error-413-body = Por favor, escriba respuestas más cortas e inténtelo de nuevo.
error-429-title = Demasiados intentos
error-429-body = Por favor, espere unos minutos y vuelva a intentarlo.
error-500-title = Lo sentimos, algo salió mal
error-500-body = Es un error nuestro, no suyo. Por favor, inténtelo de nuevo en unos minutos.

## Program eligibility: a heading for each verdict and the reasons behind it, shown under a
## program's name. The benefit is the benefit's own label (benefit-snap and so on).
eligibility-eligible = Usted califica
eligibility-may-qualify = Es posible que usted califique
eligibility-not-eligible = Usted no califica
eligibility-because-benefit = porque usted recibe { $benefit }
eligibility-because-income = porque los ingresos de su hogar están dentro del límite
eligibility-open-to-all = abierto a todas las personas
eligibility-no-capacity = no quedan lugares por ahora; un navegador puede ponerle en la lista de espera o buscar otro programa
eligibility-in-your-language = se ofrece en su idioma
eligibility-not-in-your-language = no se ofrece en su idioma; un navegador puede ayudarle con un intérprete
eligibility-income-too-high = los ingresos de su hogar están por encima del límite
eligibility-no-qualifying-benefit = solo para hogares que reciben ciertos beneficios
eligibility-too-young = solo para personas de { $min_age } años o más
eligibility-outside-area = no se ofrece donde usted vive
eligibility-closed = no está aceptando personas nuevas por ahora
eligibility-income-unknown = depende de los ingresos de su hogar; un navegador lo revisará con usted
eligibility-household-size-unknown = depende de cuántas personas viven en su casa; un navegador lo revisará con usted
eligibility-age-unknown = solo para personas de { $min_age } años o más
eligibility-area-unknown = solo en algunos vecindarios; un navegador revisará el suyo

## Citas (issue 17)
appt-title = Reúnase con un navegador en persona
appt-intro = Puede elegir una hora para reunirse con un navegador digital en una biblioteca o un centro recreativo cerca de usted. Es gratis.
appt-none = No hay horas libres en las próximas dos semanas. Un navegador se comunicará con usted para buscar una hora.
appt-choose = Elija una hora
appt-submit = Reservar esta hora
appt-move-title = Elegir otra hora
appt-move-submit = Cambiar mi cita a esta hora
appt-booked-intro = Su cita está reservada:
appt-booked-bring = Traiga su código de referencia. Si no puede venir, cancele o elija otra hora aquí.
appt-accessibility = Accesibilidad: { $notes }
appt-cancel = Cancelar mi cita
appt-taken-title = Alguien acaba de reservar esa hora
appt-taken = Otra persona reservó esa hora hace un momento, o ya no está libre. Elija otra hora, por favor.
appt-error-choose = Elija una de las horas de la lista
appt-back = Volver a su solicitud
appt-when = { $weekday } { $date }, { $time }
appt-time-format = %H:%M
appt-weekday-1 = lunes
appt-weekday-2 = martes
appt-weekday-3 = miércoles
appt-weekday-4 = jueves
appt-weekday-5 = viernes
appt-weekday-6 = sábado
appt-weekday-7 = domingo
