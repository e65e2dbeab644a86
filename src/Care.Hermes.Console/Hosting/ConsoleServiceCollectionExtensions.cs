using Care.Hermes.Access;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Care.Hermes.Console.Hosting;

/// <summary>Registers the Care console's services beside Hermes's (<c>AddCareHermes</c>).</summary>
public static class ConsoleServiceCollectionExtensions
{
    /// <summary>
    /// Adds the console's cookie session scheme (HttpOnly, SameSite=Strict, path <c>/console</c>,
    /// 30-minute sliding expiry, never past the token's expiry, the token re-checked on every request),
    /// its role policies and anti-forgery tokens. The JSON API keeps the bearer scheme as its default
    /// and never accepts the console cookie, so the cookie cannot be used for cross-site API calls.
    /// </summary>
    public static IServiceCollection AddCareConsole(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddCookie(ConsoleAuth.Scheme, o =>
            {
                o.Cookie.Name = "care-console";
                o.Cookie.Path = ConsoleAuth.Prefix;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = ConsoleAuth.Prefix + "/sign-in";
                o.LogoutPath = ConsoleAuth.Prefix + "/sign-out";
                o.AccessDeniedPath = ConsoleAuth.Prefix + "/denied";
                o.ExpireTimeSpan = ConsoleAuth.IdleTimeout;
                o.SlidingExpiration = true;
                o.Events = new CookieAuthenticationEvents { OnValidatePrincipal = ConsoleSession.ValidateAsync };
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(ConsoleAuth.ClinicianPolicy, p => p.AddAuthenticationSchemes(ConsoleAuth.Scheme).RequireRole(nameof(Role.Clinician)))
            .AddPolicy(ConsoleAuth.AdminPolicy, p => p.AddAuthenticationSchemes(ConsoleAuth.Scheme).RequireRole(nameof(Role.Admin)))
            .AddPolicy(ConsoleAuth.SessionPolicy, p => p.AddAuthenticationSchemes(ConsoleAuth.Scheme).RequireAuthenticatedUser());
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "care-console-csrf";
            o.Cookie.Path = ConsoleAuth.Prefix;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.FormFieldName = "__csrf";
            o.HeaderName = null;
        });
        return services;
    }
}
