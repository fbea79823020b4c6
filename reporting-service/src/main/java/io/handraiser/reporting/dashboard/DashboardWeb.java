package io.handraiser.reporting.dashboard;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;

/**
 * The dashboard page and its scripts are public: they hold no data, and a browser cannot send a bearer token when
 * it loads a page. Every figure they show comes from the report API, which the page calls with the token the
 * user pastes, and which the service starter's security guards as ever. This chain only covers the static paths
 * and runs before the starter's.
 * <p>
 * The chart library is served under {@code /dashboard/webjars}, not Boot's {@code /webjars}: behind the gateway,
 * {@code /webjars} is the gateway's own (its Swagger UI), while {@code /dashboard/**} routes here.
 */
@Configuration
public class DashboardWeb implements WebMvcConfigurer {

    static final String PAGE = "/dashboard/index.html";

    @Bean
    @Order(1)
    public SecurityFilterChain dashboardAssets(HttpSecurity http) throws Exception {
        return http.securityMatcher("/dashboard", "/dashboard/**")
                   .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                   .csrf(AbstractHttpConfigurer::disable)
                   .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                   // scripts and styles from this service only: a token pasted into the page stays with it
                   .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                           "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
                           + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'")))
                   .build();
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/dashboard/webjars/**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/")
                .resourceChain(true)
                .addResolver(new LiteWebJarsResourceResolver());
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/dashboard", PAGE);
        registry.addRedirectViewController("/dashboard/", PAGE);
    }
}
