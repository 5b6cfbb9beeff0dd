## Páginas del personal: obligatorias en inglés y español; los demás idiomas usan el inglés.

## Inicio de sesión
login-title = Acceso del personal
login-intro = Para navegadores, supervisores y administradores del programa de navegadores digitales.
login-email = Correo electrónico
login-password = Contraseña
login-submit = Iniciar sesión
login-failed-title = No pudimos iniciar su sesión
login-failed = El correo electrónico o la contraseña no son correctos. Revise ambos e inténtelo de nuevo.
login-expired-title = Vuelva a iniciar sesión
login-expired = Esta página de acceso estuvo abierta demasiado tiempo, o el formulario no vino de este sitio. No se cambió nada. Vuelva a iniciar sesión.
login-too-many-title = Demasiados intentos
login-too-many = Hubo demasiados intentos de iniciar sesión. Espere { $minutes ->
        [one] un minuto
       *[other] { $minutes } minutos
    } y vuelva a intentarlo.
login-error-email-required = Escriba su correo electrónico
login-error-password-required = Escriba su contraseña

## Sesión iniciada
staff-signed-in-as = Sesión iniciada como { $name } ({ $role })
staff-sign-out = Cerrar sesión
staff-change-password = Cambiar su contraseña
role-navigator = navegador
role-supervisor = supervisor
role-admin = administrador

## Casos
cases-title = Casos
cases-no-navigator-profile = Su cuenta todavía no tiene un perfil de navegador, así que no tiene casos asignados. Pida a un supervisor que lo cree.
cases-count-mine = { $count ->
        [one] Tiene un caso abierto asignado
       *[other] Tiene { $count } casos abiertos asignados
    }
cases-count-queue = { $count ->
        [one] Una solicitud espera a un navegador
       *[other] { $count } solicitudes esperan a un navegador
    }
cases-count-all = { $count ->
        [one] Un caso abierto
       *[other] { $count } casos abiertos
    }
cases-mine-title = Mis casos abiertos
cases-mine-empty = No tiene casos abiertos.
cases-queue-title = Esperando a un navegador
cases-queue-empty = Ninguna solicitud espera a un navegador.
cases-all-title = Todos los casos abiertos
cases-all-empty = No hay casos abiertos.
cases-col-ref = Referencia
cases-col-area = Zona
cases-col-needs = Necesidades
cases-col-language = Idioma
cases-col-status = Estado
cases-col-waiting = Espera
cases-col-navigator = Navegador
cases-col-action = Acción
cases-days = { $days ->
        [one] 1 día
       *[other] { $days } días
    }
cases-take = Tomar { $ref }
cases-take-conflict-title = Otra persona tomó este caso
cases-take-conflict = Otro navegador tomó este caso hace un momento. No se cambió nada a su nombre. Elija otro caso de la lista.
cases-pages = Páginas
cases-page = Página { $page } de { $pages }
cases-previous = Página anterior
cases-next = Página siguiente

## Estados de un caso
case-status-new = Nuevo
case-status-assigned = Asignado
case-status-in_progress = En curso
case-status-waiting_on_resident = Esperando al residente
case-status-referred = Derivado a un programa
case-status-resolved = Resuelto
case-status-closed = Cerrado

## Un caso
case-title = Caso { $ref }
case-back = Volver a los casos
case-status = Estado
case-navigator = Navegador
case-unassigned = Todavía sin asignar
case-received = Recibido
case-first-contact = Primer contacto
case-not-yet = Todavía no
case-take-intro = Esta solicitud espera a un navegador. Tómela para trabajar en ella.
case-resident = Residente
case-name = Nombre
case-phone = Teléfono
case-email = Correo electrónico
case-language = Idioma
case-contact-method = Forma de contacto preferida
case-area = Zona
case-zip = Código postal
case-needs = Necesidades
case-details = Detalles
case-accessibility = Necesidades de accesibilidad
case-none = Ninguna
case-not-given = No indicado
case-erased = Datos personales eliminados el { $date }.
case-note-title = Añadir una nota
case-note-label = Nota
case-note-hint = Solo el personal ve las notas, y no se pueden cambiar después de añadirlas.
case-note-submit = Añadir nota
case-note-error-empty = Escriba primero la nota
case-note-error-too-long = La nota es demasiado larga: como máximo 5.000 caracteres
case-status-title = Cambiar el estado
case-status-label = Nuevo estado
case-status-submit = Cambiar el estado
case-status-take-first = Un navegador debe tomar este caso antes de que su estado pueda cambiar.
case-status-error-not-allowed = Elija uno de los estados ofrecidos: este caso no puede pasar a ese estado desde el actual
case-conflict-title = Este caso cambió mientras lo tenía abierto
case-conflict = Otra persona cambió este caso después de que usted lo abriera, así que no se guardó nada. Revise el caso abajo y vuelva a intentarlo. Su nota sigue en el formulario.
case-timeline = Historial
case-event-no-actor = Sistema
case-event-created = Solicitud recibida
case-event-assignment = Tomó el caso
case-event-auto-assignment = Asignado automáticamente a { $name }: { $why }
case-event-release = Devuelto a la cola: { $name } ya no está activo
case-event-sms-out = Mensaje de texto enviado
case-event-sms-in = Mensaje de texto del residente
case-event-sms-failed = Mensaje de texto no enviado: { $reason }
case-event-note = Añadió una nota
case-event-status-change = Cambió el estado de { $from } a { $to }
case-event-other = Evento: { $kind }
case-contact-title = Registrar un contacto con el residente
case-contact-note-label = Nota (opcional)
case-contact-submit = Registrar el contacto
case-contact-error-channel = Elija cómo se comunicó con el residente
case-event-contact = Se comunicó con el residente: { $channel }

## Caseload: due work, filters, reassignment, requests taken by staff
cases-col-select = Elegir
cases-col-due = Pendiente
cases-select-label = Elegir el caso { $ref }
cases-unread-reply = Respuesta nueva
cases-due-first_contact_overdue = Primer contacto atrasado
cases-due-follow_up = Toca seguimiento
cases-due-new = Nuevo: contacte a la persona
cases-due-nothing = Nada pendiente
cases-filter-title = Buscar casos
cases-filter-any = Cualquiera
cases-filter-open = Abiertos (sin resolver ni cerrar)
cases-filter-all-statuses = Todos los estados
cases-filter-waiting = Esperando más de (días)
cases-filter-submit = Mostrar casos
cases-filter-clear = Quitar filtros
cases-search-label = Buscar
cases-search-hint = Un código de referencia, un teléfono o parte de un nombre.
reassign-navigator-label = Dar los casos elegidos a
reassign-hint = Cada navegador aparece con sus casos abiertos y su capacidad.
reassign-choose = Elija un navegador
reassign-navigator-option = { $name } ({ $open } de { $capacity } casos)
reassign-submit = Reasignar los casos elegidos
reassign-one-label = Asignar este caso a
reassign-one-submit = Asignar
reassign-done = { $count ->
    [one] Se reasignó un caso.
   *[other] Se reasignaron { $count } casos.
}
reassign-error-navigator = Elija un navegador activo de la lista
reassign-error-none-chosen = Elija al menos un caso para reasignar
reassign-error-closed = Un caso resuelto o cerrado no se puede reasignar: reábralo primero
intake-staff-link = Registrar una solicitud recibida por teléfono o en persona
intake-staff-title = Una solicitud recibida por teléfono o en persona
intake-staff-intro = Haga cada pregunta a la persona y escriba sus respuestas. Se aplican las mismas comprobaciones que en el formulario público.
intake-staff-how = Cómo llegó la solicitud
intake-staff-channel-phone = Por teléfono
intake-staff-channel-walk_in = En persona
intake-staff-channel-error = Elija cómo llegó la solicitud
intake-staff-consent-how = Cómo aceptó la persona los mensajes de texto
intake-staff-consent-how-hint = Solo hace falta si la persona acepta los mensajes. Léale antes la frase de consentimiento de arriba.
intake-staff-consent-how-choose = Elija cómo
intake-staff-consent-how-error = Indique cómo aceptó la persona los mensajes de texto
consent-how-verbal_phone = Dijo que sí por teléfono
consent-how-verbal_in_person = Dijo que sí en persona
consent-how-written = Firmó un formulario en papel
intake-staff-assign-legend = Quién la atiende
intake-staff-assign-me = Asignarme esta solicitud
intake-staff-submit = Guardar la solicitud

## Matching: the navigators who best fit a request
match-title = Los navegadores que mejor encajan con esta solicitud
match-none = Ningún navegador activo encaja con esta solicitud (idioma, habilidades, área y espacio en su carga de casos). Elija uno abajo, o amplíe las áreas de un navegador.
match-speaks = habla { $language }
match-interpreter = con intérprete
match-covers-area = cubre { $area }
match-distance = a { $km } km
match-load = { $open } de { $capacity } casos
match-helped-before = ya ayudó a este hogar
match-assign = Asignar a { $name }

## Working a case: close reasons, follow-ups, referrals, outcomes
case-unread-reply = La persona respondió desde la última vez que abrió este caso.
channel-web = Formulario web
channel-phone = Llamada telefónica
channel-walk_in = En persona
channel-sms = Mensaje de texto
case-channel = Llegó por
case-call-back = Devolver la llamada: esta persona espera que un navegador la llame.
cases-call-back = Devolver la llamada
cases-filter-channel = Llegó por
case-close-reason-label = Motivo del cierre
case-close-reason-hint = Solo hace falta cuando cierra el caso.
case-close-reason-choose = Elija un motivo
case-close-reason-error = Elija por qué se cierra el caso
close-reason-helped = Ayudado: se resolvió la necesidad
close-reason-referred_out = Derivado a otro servicio
close-reason-unreachable = No se pudo contactar a la persona
close-reason-declined = La persona ya no quiere ayuda
close-reason-not_eligible = No cumple los requisitos
close-reason-duplicate = Solicitud duplicada
close-reason-moved_away = Se mudó fuera del área de servicio
close-reason-other = Otro
case-event-closed = Cerró el caso (estaba { $from }): { $reason }
case-follow-up = Seguimiento el
case-follow-up-title = Planear un seguimiento
case-follow-up-label = Seguimiento el (fecha)
case-follow-up-hint = Ese día el caso sube al principio de su lista. Déjelo vacío para quitarlo.
case-follow-up-submit = Guardar fecha de seguimiento
case-follow-up-error = Escriba una fecha desde hoy hasta dentro de un año, como 2026-12-01
case-event-follow-up = Planeó un seguimiento el { $day }
case-event-follow-up-cleared = Quitó la fecha de seguimiento
case-event-reassignment = Asignó el caso a { $to }
referral-title = Derivaciones a programas
referral-none = Todavía no hay derivaciones.
referral-col-program = Programa
referral-col-status = Estado
referral-col-updated = Actualizado
referral-col-change = Cambiar
referral-change-label = Nuevo estado de la derivación a { $program }
referral-change-submit = Actualizar
referral-add-title = Derivar a un programa
referral-no-programs = Todos los programas activos ya tienen una derivación en este caso.
referral-program-label = Programa
referral-program-hint = Los programas sin cupo están marcados; puede derivar igual, y el programa puede tener lista de espera.
referral-program-choose = Elija un programa
referral-no-capacity = sin cupo por ahora
referral-status-label = En qué punto está
referral-add-submit = Añadir derivación
referral-error-program = Elija uno de los programas de la lista
referral-error-already = Este caso ya tiene una derivación a ese programa: cambie su estado en la tabla
referral-error-status = Elija uno de los estados ofrecidos
referral-status-suggested = Sugerida
referral-status-referred = Derivada
referral-status-applied = Solicitud enviada
referral-status-approved = Aprobada
referral-status-denied = Denegada
referral-status-enrolled = Inscrita
referral-status-no_capacity = Sin cupo
referral-status-not_eligible = No cumple los requisitos
referral-status-withdrawn = Retirada
case-event-referral = Derivó a { $program }: { $to }
case-event-referral-change = La derivación a { $program } pasó de { $from } a { $to }
outcome-title = Resultado
outcome-form-title = Registrar el resultado
outcome-yes = Sí
outcome-no = No
outcome-not-recorded = Sin registrar
outcome-connected = Conectado a internet en casa
outcome-plan = Plan de internet
outcome-cost = Costo mensual del plan
outcome-cost-hint = En dólares, por ejemplo 9.95
outcome-device = Dispositivo recibido
outcome-no-device = Ninguno
outcome-sessions = Sesiones de capacitación
outcome-skill-intake = Habilidad al inicio (según la persona)
outcome-skill-close = Habilidad al final (según la persona)
outcome-skill-hint = 1 es «todavía no puedo hacerlo», 5 es «puedo hacerlo por mi cuenta».
outcome-skill-1 = 1: todavía no
outcome-skill-2 = 2
outcome-skill-3 = 3
outcome-skill-4 = 4
outcome-skill-5 = 5: por mi cuenta
outcome-submit = Guardar resultado
outcome-error-connected = Elija sí, no o sin registrar
outcome-error-plan = El nombre del plan es demasiado largo: 200 caracteres como máximo
outcome-error-cost = Escriba el costo mensual en dólares, como 9.95, hasta 1,000
outcome-error-device = Elija uno de los dispositivos de la lista
outcome-error-sessions = Escriba un número entero de sesiones de 0 a 200
outcome-error-skill = Elija una calificación de 1 a 5
case-event-outcome = Registró el resultado
device-laptop = Computadora portátil
device-desktop = Computadora de escritorio
device-tablet = Tableta
device-smartphone = Teléfono inteligente
device-hotspot = Punto de acceso móvil
device-other = Otro dispositivo

## Los programas para los que un hogar podría calificar, cada uno derivado en un paso
case-programs-title = Programas para los que este hogar podría calificar
case-programs-intro = Todos los programas activos, comparados con lo que nos dijo el residente: primero los que cumple, luego los que podría cumplir, luego los que no. Las razones están escritas como el residente las lee en su página de confirmación.
case-programs-none = Todavía no hay programas activos.
case-programs-eligible = Cumple los requisitos
case-programs-may-qualify = Podría cumplir los requisitos
case-programs-not-eligible = No cumple los requisitos
case-programs-refer = Derivar
case-programs-refer-label = Derivar a { $program }
case-programs-referred = Ya derivado en este caso: { $status }

## Cambiar la contraseña
account-password-title = Cambiar su contraseña
account-current-password = Contraseña actual
account-new-password = Contraseña nueva
account-new-password-hint = Al menos 12 caracteres. Unas cuantas palabras sin relación entre sí forman una contraseña segura.
account-confirm-password = Repita la contraseña nueva
account-password-submit = Cambiar la contraseña
account-password-changed = Se cambió su contraseña. Se cerró la sesión en cualquier otro lugar donde la tenía abierta.
account-back = Volver a los casos
account-error-current-required = Escriba su contraseña actual
account-error-current-wrong = Su contraseña actual no es correcta
account-error-new-too-short = La contraseña nueva debe tener al menos 12 caracteres
account-error-new-too-long = La contraseña nueva es demasiado larga
account-error-new-mismatch = Las dos contraseñas nuevas no son iguales

## Acciones rechazadas
csrf-failed-title = Este formulario ha caducado
csrf-failed-body = No se cambió nada. Regrese, vuelva a cargar la página e inténtelo de nuevo.
error-403-title = No puede hacer eso
error-403-body = Su cuenta no da acceso a esta página. Si la necesita, pídala a un supervisor.

## Registro de auditoría
audit-title = Registro de auditoría
audit-filter-user = Miembro del personal (número de usuario)
audit-filter-case = Referencia del caso
audit-filter-submit = Mostrar
audit-empty = No hay nada registrado que coincida.
audit-page = Página { $page }, lo más reciente primero
audit-pages = Páginas del registro de auditoría
audit-col-time = Cuándo
audit-col-user = Miembro del personal
audit-col-action = Qué
audit-action-view_case = Vio el caso
audit-action-view_call_back = Vio el número para devolver la llamada
audit-action-take_case = Tomó el caso
audit-action-add_note = Añadió una nota
audit-action-change_status = Cambió el estado
audit-action-log_contact = Registró un contacto
audit-action-change_referral = Cambió una derivación
audit-action-record_outcome = Registró el resultado
audit-action-set_follow_up = Planeó un seguimiento
audit-action-reassign_case = Reasignó el caso
audit-action-release_case = Devolvió un caso a la cola
audit-action-record_request = Registró una solicitud por teléfono o en persona
audit-action-change_case = Cambió el caso
audit-action-retention_erase = Eliminó datos personales de casos cerrados hace tiempo
audit-action-erase_resident = Eliminó los datos personales de un residente a petición suya
audit-action-export_resident = Exportó todo lo que se guarda de un residente
audit-resident = Residente { $id }
audit-residents-count = { $count ->
    [one] 1 residente
   *[other] { $count } residentes
}

## ---- Administración del personal (rama admin): navegación, navegadores, programas, cuentas, invitaciones ----

## Navegación del personal
staff-nav-label = Páginas del personal
staff-nav-cases = Casos
staff-nav-programs = Programas
staff-nav-navigators = Navegadores
staff-nav-sites = Sitios
staff-nav-users = Cuentas
staff-nav-audit = Registro de auditoría

## Compartido por las páginas de administración
admin-page = Página { $page }
admin-yes = Sí
admin-no = No
admin-save = Guardar
admin-choose = Elija…
admin-no-areas = Todavía no se han importado zonas de servicio.
admin-conflict-title = Otra persona guardó esto primero
audit-col-subject = Caso, persona o programa

## Navegadores
navigators-title = Navegadores
navigators-new-link = Crear un perfil de navegador
navigators-empty = Todavía no hay perfiles de navegador.
navigators-pages = Páginas de navegadores
navigators-col-name = Nombre
navigators-col-languages = Idiomas
navigators-col-skills = Habilidades
navigators-col-load = Casos abiertos / capacidad
navigators-col-areas = Zonas
navigators-col-active = Activo
navigators-load = { $open } / { $capacity }
navigators-new-title = Nuevo perfil de navegador
navigators-new-none = Todas las cuentas de navegador ya tienen un perfil. Un administrador puede crear primero una cuenta.
navigators-edit-title = Navegador: { $name }
navigators-user = Cuenta de navegador
navigators-user-hint = Cuentas con el rol de navegador que todavía no tienen perfil.
navigators-languages = Idiomas en los que ayuda a los residentes
navigators-skills = En qué ayuda
navigators-capacity = Capacidad (máximo de casos abiertos a la vez)
navigators-capacity-hint = Un número entero de 0 a 500.
navigators-home = Base
navigators-home-hint = Opcional. Indique la latitud y la longitud, en grados decimales, o ninguna de las dos.
navigators-home-lat = Latitud
navigators-home-lon = Longitud
navigators-radius = Radio de desplazamiento en kilómetros
navigators-radius-hint = Opcional. De 0 a 200.
navigators-areas = Zonas de servicio
navigators-active-legend = Recibe casos nuevos
navigators-active = Activo
navigators-active-hint = Un navegador inactivo conserva por ahora sus casos abiertos.
navigators-saved = Se guardó el perfil del navegador.
navigators-conflict = Otra persona guardó este perfil después de que usted lo abrió, así que sus cambios no se guardaron. El formulario muestra ahora su versión: haga sus cambios de nuevo.
navigators-back = Volver a los navegadores
navigators-error-user = Elija una cuenta de navegador que todavía no tenga perfil
navigator-error-languages = Elija al menos un idioma
navigator-error-skills = Elija al menos una cosa en la que ayuda
navigator-error-capacity = Escriba una capacidad: un número entero de 0 a 500
navigator-error-lat = Escriba una latitud de -90 a 90, o déjela vacía
navigator-error-lon = Escriba una longitud de -180 a 180, o déjela vacía
navigator-error-home-both = Indique la latitud y la longitud, o ninguna de las dos
navigator-error-radius = Escriba un radio de 0 a 200 kilómetros, o déjelo vacío
navigator-error-areas = Elija zonas de servicio de la lista

## Programas de recursos
programs-title = Programas de recursos
programs-new-link = Añadir un programa
programs-empty = Todavía no hay programas.
programs-pages = Páginas de programas
programs-new-title = Nuevo programa
programs-edit-title = Programa: { $name }
programs-eligibility = Quién reúne los requisitos
programs-not-limited = Sin límite
programs-never = Nunca
programs-none = Ninguno
programs-saved = Se guardó el programa.
programs-verified = El programa quedó marcado como comprobado hoy.
programs-verify = Marcar como comprobado hoy con el proveedor
programs-conflict = Otra persona guardó este programa después de que usted lo abrió, así que sus cambios no se guardaron. El formulario muestra ahora su versión: haga sus cambios de nuevo.
programs-back = Volver a los programas
program-organization = Organización
program-name = Nombre del programa
program-description = Descripción
program-categories = Qué ofrece
program-category-internet_plan = Plan de internet
program-category-device = Dispositivo
program-category-training = Capacitación
program-income = Ingreso máximo, como porcentaje de la guía federal de pobreza
program-income-hint = Opcional. Por ejemplo, 200 significa hasta el doble de la guía para el tamaño del hogar.
program-benefits = Beneficios con los que un hogar reúne los requisitos
program-benefits-hint = Opcional. Basta con recibir uno de ellos.
program-min-age = Edad mínima
program-min-age-hint = Opcional. En años.
program-languages = Idiomas en los que atiende
program-cost = Costo
program-url = Dirección web
program-url-hint = Opcional. Empieza por http:// o https://.
program-phone = Número de teléfono
program-application = Cómo solicitarlo
program-capacity = Capacidad disponible
program-capacity-hint = Por ejemplo, dispositivos en existencia. Déjelo vacío si no tiene límite.
program-site = Adónde van los residentes (opcional)
program-site-hint = Un sitio de la página de sitios, o ninguno si el programa no tiene un lugar fijo.
program-site-none = Ningún lugar fijo
program-status = Estado
program-status-active = Activo
program-status-inactive = Inactivo
program-areas = Zonas de servicio
program-areas-hint = No marque ninguna si atiende a toda la ciudad.
program-last-verified = Última comprobación
program-error-organization = Escriba el nombre de la organización (200 caracteres como máximo)
program-error-name = Escriba el nombre del programa (200 caracteres como máximo)
program-error-duplicate = Esta organización ya tiene un programa con este nombre
program-error-categories = Elija al menos una cosa que ofrece
program-error-income = Escriba un porcentaje de 0 a 1000, o déjelo vacío
program-error-benefits = Elija beneficios de la lista
program-error-age = Escriba una edad de 0 a 120, o déjela vacía
program-error-languages = Elija al menos un idioma
program-error-url = Escriba una dirección web que empiece por http:// o https://, o déjela vacía
program-error-phone = Escriba un número de teléfono válido, o déjelo vacío
program-error-capacity = Escriba un número entero de 0 o más, o déjelo vacío
program-error-status = Elija activo o inactivo
program-error-site = Elija un sitio de la lista
program-error-areas = Elija zonas de servicio de la lista
program-error-too-long = Este texto es demasiado largo

## Cuentas del personal
users-title = Cuentas del personal
users-pages = Páginas de cuentas del personal
users-new-link = Añadir una cuenta del personal
users-col-name = Nombre
users-col-email = Correo electrónico
users-col-role = Rol
users-col-language = Idioma
users-col-disabled = Desactivada
users-col-created = Creada
users-col-action = Acción
users-you = Es usted
users-disable = Desactivar a { $name }
users-enable = Activar a { $name }
users-not-yourself-title = No puede desactivar su propia cuenta
users-not-yourself = No se cambió nada. Otro administrador puede desactivar su cuenta si hace falta.
users-new-title = Nueva cuenta del personal
users-new-intro = La cuenta nueva no tiene contraseña. Usted recibe un enlace de un solo uso para enviar a la persona, donde ella elige la suya.
users-new-submit = Crear la cuenta y el enlace de invitación
users-created-title = Cuenta creada
users-created = Se creó la cuenta de { $name } ({ $email }).
users-invite-explain = Envíele este enlace. Funciona una sola vez, durante 7 días, y solo se muestra ahora.
users-back = Volver a las cuentas del personal
users-error-email = Escriba un correo electrónico válido
users-error-email-taken = Ya existe una cuenta con este correo electrónico
users-error-name = Escriba el nombre de la persona (200 caracteres como máximo)
users-error-role = Elija un rol
users-error-language = Elija un idioma

## Enlaces de invitación
invite-title = Elija su contraseña
invite-intro = Bienvenido/a, { $name }. Elija una contraseña para su cuenta { $email }. La usará para iniciar sesión.
invite-submit = Guardar la contraseña e iniciar sesión
invite-form-expired = Esta página estuvo abierta demasiado tiempo, o el formulario no vino de este sitio. No se cambió nada. Inténtelo de nuevo.
invite-invalid-title = Este enlace no funciona
invite-invalid-body = El enlace ya se usó, caducó o no está completo. Pida uno nuevo a un administrador.
invite-sign-in = Ir al inicio de sesión

## Acciones de auditoría de la administración
audit-action-create_navigator = Creó un perfil de navegador
audit-action-edit_navigator = Cambió un perfil de navegador
audit-action-create_program = Añadió un programa
audit-action-edit_program = Cambió un programa
audit-action-verify_program = Comprobó un programa con su proveedor
audit-action-create_user = Creó una cuenta del personal
audit-action-disable_user = Desactivó una cuenta del personal
audit-action-enable_user = Activó una cuenta del personal
audit-action-accept_invite = Eligió una contraseña con un enlace de invitación
## ---- fin de la administración del personal ----

## Texting the resident from the case page
case-texts-title = Mensajes de texto
case-texts-none = Todavía no hay mensajes.
case-texts-no-phone = El residente no dio un número de teléfono.
case-texts-no-consent = El residente no aceptó recibir mensajes. Registre su consentimiento antes de escribirle.
case-texts-opted-out = Este número envió STOP el { $when }: no se envían mensajes hasta que el residente responda START.
case-text-from-resident = Del residente
case-text-to-resident = Al residente
case-text-segments = { $count ->
    [one] 1 segmento
   *[other] { $count } segmentos
}
case-texts-templates = Mensajes listos, en el idioma del residente
case-text-send = Enviar mensaje
case-text-send-template = Enviar mensaje: { $text }
case-texts-write = Escribir un mensaje
case-text-message-label = Su mensaje
case-text-message-hint = Escriba en el idioma del residente. Caben 160 letras sin acentos en un segmento; con acentos u otras escrituras, 70. Los mensajes esperan al horario de 08:00 a 21:00 del residente.
case-text-error-empty = Escriba el mensaje que quiere enviar.
case-text-error-too-long = Un mensaje puede tener como máximo 1000 caracteres.
case-text-error-unreachable = No se puede escribir a este residente: no hay teléfono, no hay consentimiento o envió STOP.
case-text-status-scheduled = esperando su envío
case-text-status-sending = enviándose
case-text-status-queued = entregado al operador
case-text-status-sent = enviado
case-text-status-delivered = recibido
case-text-status-undelivered = no entregado
case-text-status-failed = falló
case-text-status-cancelled = no enviado (STOP)
case-text-status-received = recibido
audit-action-send_text = Escribió al residente

## Mapa de brechas de servicio e informes (supervisores)
staff-nav-map = Mapa
staff-nav-reports = Informes
map-title = Mapa de brechas de servicio
map-svg-title = Zonas de Denver según { $metric }
map-metric-requests = Solicitudes
map-metric-open = Solicitudes abiertas
map-metric-unmet = Solicitudes sin atender
map-metric-median_wait = Mediana de días hasta el primer contacto
map-metric-capacity = Capacidad de navegadores (casos libres)
map-metric-programs = Programas ofrecidos
map-metric-gap = Índice de brecha
map-no-figure = —
map-days = { $days } días
map-legend-up-to = hasta { $value }
map-legend-range = más de { $from } hasta { $to }
map-legend-none = ninguno o sin datos
map-area-label = { $area }: { $metric } { $figure }
map-overlay-home = Base de un navegador
map-overlay-note = Los puntos oscuros son las bases de los navegadores.
map-overlay-none = Ningún navegador que cumpla estos filtros tiene una base registrada.
map-filter-sites = Mostrar los lugares de los programas
map-sites-note = Los rombos blancos son lugares de programas.
map-sites-none = Ningún programa que cumpla estos filtros tiene un lugar registrado.
map-range = Solicitudes hechas del { $from } al { $to }.
map-filter-metric = Colorear zonas por
map-filter-need = Necesidad
map-filter-all-needs = Todas las necesidades
map-filter-language = Idioma
map-filter-all-languages = Todos los idiomas
map-filter-from = Desde
map-filter-to = Hasta
map-filter-days = Sin atender después de (días)
map-filter-days-hint = Una solicitud abierta sin primer contacto después de estos días cuenta como sin atender.
map-filter-overlay = Mostrar las bases de los navegadores
map-filter-submit = Mostrar
map-error-date = Escriba una fecha como 2026-01-31.
map-error-range = La fecha de inicio debe ser anterior a la fecha final.
map-error-metric = Elija una de las cifras de la lista.
map-error-need = Elija una de las necesidades de la lista.
map-error-language = Elija uno de los idiomas de la lista.
map-error-days = Escriba un número de días de 0 a 365.
map-no-areas = Todavía no hay zonas. Impórtelas con navdesk import-areas.
map-credit = Límites: { $source }
map-download-geojson = Descargar GeoJSON (para programas SIG)
map-download-csv = Descargar CSV (para hojas de cálculo)
map-to-reports = Informes de estas fechas
map-table-caption = Cifras por zona.
map-col-area = Zona
map-unplaced = { $count ->
        [one] Una solicitud todavía no tiene zona (la dirección, el código postal o la zona que dio no coincidió con ninguna).
       *[other] { $count } solicitudes todavía no tienen zona (la dirección, el código postal o la zona que dieron no coincidió con ninguna).
    }
map-how-title = Cómo se calculan estas cifras
map-how-unmet = Sin atender: solicitudes abiertas que ningún navegador ha tomado, o que llevan más de { $days } días sin primer contacto.
map-how-wait = Mediana de días hasta el primer contacto: de las solicitudes hechas en estas fechas que tuvieron primer contacto. Las esperas se cuentan en pasos de una hora al principio y de días después, así que la mediana es exacta dentro de su paso.
map-how-capacity = Capacidad de navegadores: los casos libres de los navegadores activos que cubren la zona (por sus zonas de servicio o su radio de viaje); los casos libres de cada navegador se reparten por igual entre sus zonas.
map-how-gap = Índice de brecha: solicitudes sin atender por caso libre (al menos uno), multiplicado por cuánto más a menudo los hogares de la zona no tienen internet en casa que en toda la ciudad, donde los datos de la zona lo indican.
reports-title = Informes
reports-cohort = Cada cifra trata de las solicitudes hechas en estas fechas y de lo que pasó con ellas desde entonces.
reports-suppression = No se muestran cifras basadas en menos de { $min } residentes, para que nadie pueda ser reconocido.
reports-suppressed = menos de 11
reports-download-csv = Descargar CSV (para hojas de cálculo)
reports-summary = Resumen
reports-residents = Residentes atendidos
reports-requests-for = Solicitudes: { $need }
reports-connections = Conexiones de internet en casa logradas
reports-devices-of = Dispositivos entregados: { $device }
reports-training = Sesiones de capacitación
reports-trained = Residentes capacitados
reports-skill-gain = Mejora media de habilidad, del inicio al cierre (escala 1–5)
reports-median-wait = Mediana de días hasta el primer contacto
reports-p90-wait = Percentil 90 de días hasta el primer contacto
reports-still-30 = Siguen conectados a los 30 días
reports-still-90 = Siguen conectados a los 90 días
reports-equity = Vista de equidad
reports-equity-intro = Las mismas cifras por idioma, zona, raza o etnia y según cómo pidieron ayuda (formulario web, llamada, en persona, mensaje de texto), con la espera más larga primero, para ver las diferencias de un vistazo.
reports-by-language = Por idioma
reports-by-area = Por zona
reports-by-race = Por raza o etnia
reports-race-note = Los residentes eligen si responden. Quien eligió más de una opción cuenta en cada una.
reports-col-language = Idioma
reports-col-area = Zona
reports-col-race = Raza o etnia
reports-by-channel = Según cómo pidieron ayuda
reports-col-channel = Llegó por
reports-col-residents = Residentes
reports-col-median = Mediana de días hasta el primer contacto
reports-col-p90 = Percentil 90 de días
reports-col-connected = Conectados en casa (de los resueltos)
reports-col-devices = Dispositivos
reports-col-skill = Mejora de habilidad
reports-col-30 = Conectados a los 30 días
reports-col-90 = Conectados a los 90 días
reports-everyone = Todos
reports-no-area = Sin zona todavía
reports-race-unanswered = No respondió
reports-wait-gap = Espera mediana más larga: { $longest }, { $high } días; más corta: { $shortest }, { $low } días ({ $ratio } veces más).

## A voice message left on the phone line
case-event-voice-message = Mensaje de voz de la persona que llamó ({ $seconds } s)
case-event-voice-message-listen = Escuchar el mensaje de voz

## The time and place of a contact, and its minutes in the reports
case-contact-place-label = Dónde fue
case-contact-place-choose = Elija un lugar
case-contact-place-phone = Llamada telefónica
case-contact-place-text = Mensajes de texto
case-contact-place-email = Correo electrónico
case-contact-place-video = Videollamada
case-contact-place-home_visit = Visita a domicilio
case-contact-place-in_person = En persona
case-contact-place-at = En { $site }
case-contact-place-minutes = { $place }, { $minutes } minutos
case-contact-minutes-label = Minutos dedicados
case-contact-minutes-hint = Un número entero de 1 a { $max }. Los programas los informan a quienes los financian.
case-contact-error-place = Elija dónde fue el contacto
case-contact-error-site = Ese sitio ya no está abierto: elija otro lugar
case-contact-error-minutes = Escriba los minutos dedicados como un número entero de 1 a 480
reports-minutes-title = Tiempo dedicado a los residentes
reports-minutes-intro = Minutos de los contactos registrados con estos residentes. Los contactos registrados antes de pedir los minutos no los tienen: los minutos por residente cuentan solo a los residentes cuyos contactos los tienen todos.
reports-served = Residentes con un contacto registrado
reports-minutes = Minutos de contacto
reports-minutes-per = Minutos por residente atendido
reports-untimed = Residentes con contactos de duración desconocida
reports-minutes-by-need = Minutos por necesidad
reports-minutes-by-language = Minutos por idioma
reports-minutes-by-area = Minutos por zona
reports-col-need = Necesidad
reports-col-served = Residentes atendidos
reports-col-minutes = Minutos
reports-col-minutes-per = Minutos por residente
reports-col-untimed = Duración desconocida

## The case page as a workspace: the story beside the actions
case-jump-actions = Ir a las acciones
case-next-title = Próximo paso
case-next-read-texts = Leer los mensajes
case-next-first-contact-overdue = Primer contacto atrasado: comuníquese con el residente hoy.
case-next-first-contact = Nadie se ha comunicado todavía: registre el primer contacto.
case-next-follow-up-due = Seguimiento pendiente.
case-next-plan = No hay nada pendiente: registre el próximo contacto y elija un día de seguimiento.
case-facts-title = Caso
case-actions-title = Acciones
case-programs-group = Derivar a un programa
outcome-group = Registrar el resultado, cerrar el caso
case-assign-group = Asignar
case-status-close-with-outcome = Cerrar el caso con su resultado
case-contact-status-label = Ahora el caso está (opcional)
case-contact-status-same = Sin cambio
case-contact-follow-up-hint = Opcional: el caso pasa al principio de su lista ese día.
case-follow-up-clear = Borrar la fecha de seguimiento
outcome-close-legend = Cerrar el caso
outcome-close-label = Cerrar el caso con este resultado (un caso abierto se resuelve primero)
outcome-close-error-not-allowed = Este caso no se puede cerrar ahora: primero hay que tomarlo y trabajarlo, o ya está cerrado
case-programs-refer-note = Nota para la derivación a { $program } (opcional)
case-timeline-page = Entradas anteriores, página { $page }
case-timeline-pages = Páginas del historial
## Caseload: the day at a glance (a navigator's due work; a supervisor's table of loads)
cases-day-title = Hoy
cases-day-nothing = Hoy no tiene nada atrasado ni pendiente.
cases-day-count-first_contact_overdue = { $count ->
        [one] 1 primer contacto atrasado
       *[other] { $count } primeros contactos atrasados
    }
cases-day-count-follow_up = { $count ->
        [one] 1 seguimiento pendiente
       *[other] { $count } seguimientos pendientes
    }
cases-day-count-unread_reply = { $count ->
        [one] 1 respuesta sin leer
       *[other] { $count } respuestas sin leer
    }
cases-day-count-call_back = { $count ->
        [one] 1 llamada por devolver
       *[other] { $count } llamadas por devolver
    }
cases-day-first_contact_overdue-title = Primeros contactos atrasados
cases-day-follow_up-title = Seguimientos pendientes
cases-day-unread_reply-title = Respuestas sin leer
cases-day-call_back-title = Personas que esperan que les devuelvan la llamada
cases-day-more = Se muestran { $shown } de { $count }; los demás están en sus listas, más abajo.
cases-loads-title = Navegadores hoy
cases-loads-col-open = Casos abiertos / capacidad
cases-loads-col-overdue = Primeros contactos atrasados
cases-loads-col-follow-ups = Seguimientos pendientes
cases-loads-col-unread = Respuestas sin leer
cases-loads-col-oldest = Espera más larga
cases-loads-open = { $open } / { $capacity }
cases-loads-over = por encima de su capacidad
cases-loads-full = completo
cases-loads-none-open = Ningún caso abierto

## Reports: appointments
reports-appointments-title = Citas
reports-appointments-intro = Citas de estos días, y cuánto esperaron su primera cita los residentes que pidieron ayuda en este periodo. Las citas canceladas no cuentan como reservadas.
reports-col-booked = Reservadas
reports-col-attended = Atendidas
reports-col-no-show = Perdidas
reports-col-cancelled = Canceladas
reports-col-attended-share = Atendidas, de las marcadas
reports-col-site = Sitio
reports-days-to-appointment = Mediana de días desde la solicitud hasta la primera cita
reports-days-to-appointment-p90 = Días desde la solicitud hasta la primera cita, percentil 90
reports-appointments-csv = Descargar las citas (CSV)
reports-appointments-by-site = Citas por sitio
reports-appointments-by-language = Citas por idioma
reports-appointments-by-area = Citas por zona
## Sitios, horario de atención y cierres (issue 17)
sites-title = Sitios
sites-caption = Sitios
sites-empty = Todavía no hay sitios.
sites-col-name = Sitio
sites-col-area = Zona
sites-col-languages = Idiomas
sites-col-slot = Duración de la cita
sites-col-hours = Horario semanal
sites-col-active = Abierto
sites-minutes = { $minutes } min
sites-new-link = Agregar un sitio
sites-download = Descargar en HSDS 3.0 (JSON)
sites-new-title = Nuevo sitio
sites-edit-title = Sitio: { $name }
sites-saved = Se guardó el sitio.
sites-deleted = Se eliminó el sitio.
sites-conflict = Otra persona guardó este sitio después de que usted lo abrió. Aquí está como lo guardó; vuelva a hacer su cambio.
sites-name = Nombre
sites-address = Dirección
sites-address-hint = La dirección que visitan los residentes, por ejemplo 10 W Fourteenth Ave Pkwy, Denver, CO 80204.
sites-point = En el mapa
sites-point-hint = Opcional. Grados decimales; ambos o ninguno.
sites-lat = Latitud
sites-lon = Longitud
sites-area = Zona
sites-area-hint = Déjela para que se encuentre a partir del punto, o elija una.
sites-area-from-point = Según el punto
sites-accessibility = Accesibilidad
sites-accessibility-hint = Entradas, ascensores, baños, estacionamiento: lo que un residente necesita saber antes de venir.
sites-languages = Idiomas que se ofrecen
sites-slot = Duración de la cita (minutos)
sites-slot-hint = Un número entero de 10 a 240.
sites-active-legend = Abierto para citas
sites-active = Abierto
sites-active-hint = Un sitio que no está abierto conserva su historial pero no ofrece citas.
sites-back = Volver a los sitios
sites-remove = Quitar
sites-hours = Horario de atención
sites-hours-hint = El horario semanal de cada navegador aquí, en la hora local de la ciudad. El horario de un navegador nunca se superpone, ni aquí ni en otro sitio.
sites-hours-none = Todavía no hay horario de atención aquí.
sites-hours-weekday = Día
sites-hours-time = Horario
sites-hours-navigator = Navegador
sites-hours-start = Desde
sites-hours-end = Hasta
sites-hours-time-hint = Hora de 24 horas, como 09:00.
sites-hours-add = Agregar horario de atención
sites-hours-added = Se agregó el horario de atención.
sites-hours-removed = Se quitó el horario de atención.
sites-hours-overlap-title = Este horario se superpone con otro
sites-hours-overlap = { $navigator } ya atiende en { $site } el { $weekday }, { $start }–{ $end }. No se guardó nada.
sites-closures = Cierres
sites-closures-hint = Días en que un sitio, o todos, están cerrados: feriados, capacitación del personal. No se ofrecen citas esos días.
sites-closures-none = No hay cierres próximos.
sites-closures-manage = Agregar o quitar cierres
sites-closure-all = Todos los sitios
sites-closure-day = Día
sites-closure-day-hint = Hoy o más adelante, como 2025-11-27.
sites-closure-site = Sitio
sites-closure-reason = Motivo
sites-closure-reason-hint = Opcional, por ejemplo Día de Acción de Gracias.
sites-closure-add = Agregar el cierre
sites-closure-added = Se agregó el cierre.
sites-closure-removed = Se quitó el cierre.
sites-delete = Eliminar este sitio
sites-delete-hint = Solo se puede eliminar un sitio al que nada hace referencia. Para dejar de ofrecer citas aquí, márquelo como no abierto.
sites-delete-refused-title = No se eliminó el sitio
sites-delete-booked = { $count ->
    [one] Un residente tiene una cita aquí de ahora en adelante. Marque el sitio como no abierto: así no ofrece citas nuevas y la cita reservada se mantiene.
   *[other] { $count } residentes tienen una cita aquí de ahora en adelante. Marque el sitio como no abierto: así no ofrece citas nuevas y las citas reservadas se mantienen.
}
sites-delete-in-use = Citas pasadas, contactos, visitas sin cita o programas hacen referencia a este sitio. Márquelo como no abierto para que se conserve su historial.
sites-weekday-1 = lunes
sites-weekday-2 = martes
sites-weekday-3 = miércoles
sites-weekday-4 = jueves
sites-weekday-5 = viernes
sites-weekday-6 = sábado
sites-weekday-7 = domingo
site-error-name = Escriba el nombre del sitio, hasta 200 caracteres en una línea
site-error-duplicate = Otro sitio tiene este nombre
site-error-too-long = Es demasiado largo
site-error-latitude = Escriba una latitud de -90 a 90 en grados decimales, como 39.7392, o déjela vacía
site-error-longitude = Escriba una longitud de -180 a 180 en grados decimales, como -104.9903, o déjela vacía
site-error-point-both = Escriba la latitud y la longitud, o deje ambas vacías
site-error-area = Elija una zona de la lista
site-error-languages = Elija idiomas de la lista
site-error-slot = Escriba la duración de la cita en minutos, de 10 a 240
hours-error-navigator = Elija un navegador de la lista
hours-error-weekday = Elija un día de la lista
hours-error-time = Escriba una hora del día, como 09:00
hours-error-order = El final debe ser después del inicio
hours-error-overlap = Este horario se superpone con otro horario del navegador
closure-error-day = Escriba una fecha, como 2025-11-27
closure-error-past = Elija hoy o un día posterior
closure-error-site = Elija un sitio de la lista
closure-error-duplicate = Ese sitio ya está cerrado ese día
## Issue 17, part C: a navigator's calendar link, and the appointments' states
staff-calendar = Su enlace de calendario
calendar-title = Sus citas en su calendario
calendar-intro = Añada este enlace a su aplicación de calendario (Google Calendar, Outlook, Calendario de Apple) como suscripción, y sus citas aparecerán allí. Cada una indica el código de la solicitud, el idioma del residente y el sitio: nunca el nombre, el teléfono ni la dirección de un residente.
calendar-url-label = Su enlace de calendario
calendar-secret-hint = Cualquiera con este enlace puede ver sus citas. Si se ha difundido, cree uno nuevo: el enlace anterior deja de funcionar de inmediato.
calendar-none = No tiene enlace de calendario.
calendar-make = Crear un enlace de calendario
calendar-make-new = Crear un enlace nuevo
calendar-revoke = Desactivar el enlace
calendar-name = Citas
audit-action-make_calendar_link = Creó un enlace de calendario
audit-action-revoke_calendar_link = Desactivó un enlace de calendario
siteday-status-booked = Reservada
siteday-status-confirmed = Confirmada
siteday-status-cancelled = Cancelada
siteday-status-attended = Asistió
siteday-status-no_show = No vino
siteday-title = { $site }: hoy, { $date }
siteday-minutes = { $minutes ->
        [one] 1 minuto
       *[other] { $minutes } minutos
    }
siteday-waiting-title = Esperando ahora
siteday-waiting-none = Nadie está esperando.
siteday-waiting-appointment = { $code } (cita a las { $time })
siteday-waiting-walk-in = { $name } (sin cita)
siteday-booked-title = Citas
siteday-booked-none = No hay citas aquí hoy.
siteday-col-time = Hora
siteday-col-code = Solicitud
siteday-col-language = Idioma
siteday-col-navigator = Navegador
siteday-col-status = Estado
siteday-col-actions = Marcar
siteday-col-arrived = Llegó
siteday-col-name = Nombre
siteday-col-needs = Necesidades
siteday-col-seen = Atendido
siteday-arrived-at = Llegó a las { $time }
siteday-mark-arrived = Llegó
siteday-mark-arrived-label = { $code } ha llegado
siteday-mark-attended = Asistió
siteday-mark-attended-label = { $code } asistió
siteday-mark-no_show = No vino
siteday-mark-no_show-label = { $code } no vino
siteday-walk-ins-title = Personas sin cita
siteday-walk-ins-none = Nadie ha llegado sin cita hoy.
siteday-seen-by = { $name } a las { $time }
siteday-mark-seen = Atendido
siteday-mark-seen-label = Se está atendiendo a { $name }
siteday-add-title = Añadir una persona sin cita
siteday-add-name = Su nombre
siteday-add-need = Qué necesita
siteday-need-choose = Elija una opción
siteday-add-submit = Añadir a la persona
audit-action-view_walk_in = Vio el nombre de una persona sin cita en el día de un sitio
cases-today-title = Sus citas de hoy
cases-today-at = { $time } en { $site }
cases-coming-title = Sus citas de los próximos días
case-appointment-to-mark = Cita el { $when } en { $site }: ¿vino?

## The map: free appointment slots
map-metric-free_slots = Citas libres, próximos 14 días
map-how-free-slots = Citas libres: las horas de los próximos 14 días, en los sitios de la zona, en que un navegador que habla el idioma elegido arriba (cualquier idioma, si no se elige ninguno) tiene horario de atención y nadie ha reservado; dos navegadores libres a la misma hora son dos citas.
## Citas en la página del caso (issue 17)
case-appt-group = Cita
case-appt-upcoming = Cita: { $when } en { $site } con { $navigator }
case-appt-none = No hay ninguna cita reservada.
case-appt-no-slots = No hay horas libres en las próximas dos semanas con un navegador que hable el idioma del residente.
case-appt-choose = Horas libres, primero los lugares más cercanos
case-appt-book = Reservar esta hora
case-appt-move = Cambiar la cita a esta hora
case-appt-cancel = Cancelar la cita
case-appt-error-choose = Elija una de las horas libres
case-appt-error-taken = Esa hora acaba de ser reservada o ya no está libre: elija otra
case-event-appointment-booked = Reservó una cita: { $when } en { $site } ({ $via })
case-event-appointment-moved = Cambió la cita a { $when } en { $site } ({ $via })
case-event-appointment-cancelled = Canceló la cita del { $when } en { $site }
case-event-appointment-status = Cita del { $when } en { $site }: { $status }
case-appt-via-web = reservada por el residente en la web
case-appt-via-text = reservada por el residente por mensaje de texto
case-appt-via-staff = reservada por el personal
case-appt-status-booked = reservada
case-appt-status-confirmed = confirmada por el residente
case-appt-status-cancelled = cancelada
case-appt-status-attended = asistió
case-appt-status-no_show = no vino
case-appt-show-times = Ver horas libres para reservar

## Devices: the inventory (issue 18, part A)

staff-nav-devices = Dispositivos
device-kind-hotspot = Punto de acceso móvil
device-kind-laptop = Computadora portátil
device-kind-tablet = Tableta
device-kind-chromebook = Chromebook
device-kind-other = Otro
device-condition-new = Nuevo
device-condition-good = Bueno
device-condition-fair = Aceptable
device-condition-poor = Malo
device-condition-broken = Averiado
device-status-available = Disponible
device-status-reserved = Reservado
device-status-on_loan = Prestado
device-status-given = Regalado
device-status-in_repair = En reparación
device-status-lost = Perdido
device-status-retired = Dado de baja
device-event-added = Agregado
device-event-imported = Importado de una hoja de cálculo
device-event-edited = Modificado
device-event-status = Cambio de estado
device-error-tag-missing = Escriba la etiqueta de inventario.
device-error-tag = Una etiqueta de inventario es una línea de 64 caracteres como máximo.
device-error-serial = Un número de serie es una línea de 100 caracteres como máximo.
device-error-kind = Elija qué tipo de dispositivo es.
device-error-program = Elija el programa al que pertenece el dispositivo.
device-error-site = Elija un sitio de la lista, o ninguno.
device-error-condition = Elija el estado físico del dispositivo.
device-error-notes = Las notas tienen 2.000 caracteres como máximo.
device-error-duplicate = Otro dispositivo tiene esta etiqueta de inventario.
devices-title = Dispositivos
devices-caption = Dispositivos, página { $page }
devices-pages = Páginas de dispositivos
devices-empty = Ningún dispositivo coincide.
devices-col-tag = Etiqueta de inventario
devices-col-kind = Tipo
devices-col-serial = Número de serie
devices-col-program = Programa
devices-col-site = Sitio
devices-col-condition = Estado físico
devices-col-status = Situación
devices-filter-title = Buscar dispositivos
devices-filter-any = Cualquiera
devices-filter-submit = Mostrar
devices-filter-clear = Borrar
devices-search = Etiqueta o número de serie
devices-search-hint = Basta con una parte.
devices-new-link = Agregar un dispositivo
devices-download = Descargar en CSV
devices-imported = { $count ->
    [one] Se agregó un dispositivo del archivo.
   *[other] Se agregaron { $count } dispositivos del archivo.
}
devices-import = Agregar dispositivos desde una hoja de cálculo
devices-import-hint = Un archivo CSV con las columnas { $columns }, el programa y el sitio por su nombre. Primero se revisan todas las filas: si una está mal, no se agrega nada. Aquí, un archivo de hasta 64 KB (unos 1.000 dispositivos); los más grandes, con navdesk devices import en el servidor.
devices-import-file = Archivo CSV
devices-import-submit = Revisar y agregar
devices-import-refused = No se agregó nada: corrija el archivo y súbalo de nuevo
devices-csv-unreadable = Línea { $line }: el archivo no se puede leer como CSV ({ $value }). Guárdelo como «CSV UTF-8».
devices-csv-empty = El archivo está vacío.
devices-csv-no-rows = El archivo tiene encabezado pero ningún dispositivo.
devices-csv-missing-column = Línea { $line }: falta la columna { $column }.
devices-csv-unknown-column = Línea { $line }: «{ $value }» no es una columna de este archivo.
devices-csv-tag-missing = Línea { $line }, columna { $column }: la etiqueta de inventario está vacía.
devices-csv-tag = Línea { $line }, columna { $column }: una etiqueta de inventario es una línea de 64 caracteres como máximo.
devices-csv-serial = Línea { $line }, columna { $column }: un número de serie es una línea de 100 caracteres como máximo.
devices-csv-kind = Línea { $line }, columna { $column }: «{ $value }» no es un tipo (hotspot, laptop, tablet, chromebook, other).
devices-csv-condition = Línea { $line }, columna { $column }: «{ $value }» no es un estado físico (new, good, fair, poor, broken).
devices-csv-status = Línea { $line }, columna { $column }: «{ $value }» no es una situación (available, reserved, on_loan, given, in_repair, lost, retired).
devices-csv-unknown-program = Línea { $line }, columna { $column }: ningún programa se llama «{ $value }».
devices-csv-ambiguous-program = Línea { $line }, columna { $column }: varios programas se llaman «{ $value }»; cambie primero el nombre de uno.
devices-csv-unknown-site = Línea { $line }, columna { $column }: ningún sitio se llama «{ $value }».
devices-csv-duplicate-in-file = Línea { $line }, columna { $column }: esta etiqueta también está en la línea { $first }.
devices-csv-duplicate-in-database = Línea { $line }, columna { $column }: ya hay un dispositivo con la etiqueta «{ $value }» en el inventario.
devices-csv-changed-meanwhile = Alguien agregó dispositivos mientras se guardaba este archivo, así que no se agregó nada: súbalo de nuevo para ver qué filas chocan.
devices-new-title = Nuevo dispositivo
devices-add = Agregar el dispositivo
devices-back = Volver a los dispositivos
devices-tag = Etiqueta de inventario
devices-tag-hint = La etiqueta pegada en el dispositivo, por ejemplo HS-0042. No hay dos dispositivos con la misma.
devices-program-hint = El programa que lo posee o lo financia: sus existencias son lo que se ofrece a los residentes.
devices-site-hint = Dónde se guarda.
devices-no-site = Ningún sitio
devices-notes = Notas
devices-notes-hint = Para el personal: qué hay en la caja, qué revisar. Nunca el nombre de un residente.
devices-device-title = Dispositivo { $tag }
devices-saved = Se guardó el dispositivo.
devices-conflict = Otra persona cambió este dispositivo después de que usted lo abrió. Así lo dejó; haga su cambio de nuevo.
devices-edit = Cambiar sus datos
devices-status = Situación
devices-status-new = Nueva situación
devices-status-note = Motivo (opcional)
devices-status-note-hint = Para su historial, por ejemplo «pantalla rota».
devices-status-submit = Cambiar la situación
devices-status-changed = Se cambió la situación.
devices-status-refused = No se cambió la situación
devices-status-on-loan = Un residente tiene este dispositivo prestado: regístrelo como devuelto, o como perdido, desde su caso.
devices-status-not-by-hand = Un dispositivo sale en préstamo o como regalo solo desde el caso de un residente.
devices-retire = Dar de baja este dispositivo
devices-retire-hint = Un dispositivo dado de baja se queda en el inventario con su historial y no se vuelve a ofrecer.
devices-history = Historial
devices-history-none = Nada todavía.
devices-history-when = Cuándo
devices-history-who = Quién
devices-history-what = Qué
devices-history-detail = Detalles
devices-history-loan = (préstamo { $loan })

## Programs whose places come from the devices inventory (issue 18, part C)
programs-from-inventory = { $count } disponibles, según el inventario
programs-inventory-link = Los dispositivos del programa
reports-devices-title = Dispositivos prestados y regalados
reports-devices-intro = Dispositivos prestados, regalados, devueltos y perdidos en estos días, los que seguían fuera y vencidos al final del período (o ahora, si no ha terminado), y cuántos días duró en promedio un préstamo devuelto. Un préstamo conserva el idioma y la zona del residente cuando se borran sus datos, así que estas cifras no cambian.
reports-devices-csv = Descargar los dispositivos (CSV)
reports-devices-by-kind = Dispositivos por tipo
reports-devices-by-program = Dispositivos por programa
reports-devices-by-language = Dispositivos por idioma
reports-devices-by-area = Dispositivos por zona
reports-col-kind = Tipo de dispositivo
reports-col-program = Programa
reports-col-lent = Prestados
reports-col-given = Regalados
reports-col-returned = Devueltos
reports-col-lost = Perdidos
reports-col-on-loan = Fuera al final
reports-col-overdue = Vencidos al final
reports-col-loan-days = Días promedio de un préstamo
reports-device-kind-hotspot = Punto de acceso
reports-device-kind-laptop = Computadora portátil
reports-device-kind-chromebook = Chromebook
reports-device-kind-tablet = Tableta
reports-device-kind-other = Otro
map-metric-devices_nearby = Dispositivos disponibles cerca
map-how-devices-nearby = Dispositivos disponibles cerca: los dispositivos de programas activos guardados en los sitios de la zona y disponibles para prestar o regalar ahora, de todo tipo.
