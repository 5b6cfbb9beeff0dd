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

## Casos (provisional)
cases-title = Casos
cases-placeholder = Aquí aparecerán sus casos.

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
