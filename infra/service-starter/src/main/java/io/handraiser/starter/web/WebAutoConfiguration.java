package io.handraiser.starter.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import(ProblemAdvice.class)
public class WebAutoConfiguration {

    private static final List<String> OTHER_FORMATS = List.of("yaml", "xml", "smile", "cbor");

    /** First of all filters, so that even a refused token's 401 carries the request id. */
    @Bean
    public FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    public CallerMetaDataInterceptor callerMetaDataInterceptor() {
        return new CallerMetaDataInterceptor();
    }

    /**
     * JSON is the API's one structured format (DESIGN, "API conventions"), yet Spring reads and writes YAML, XML, Smile
     * or CBOR as well whenever a library brings the Jackson module for it along (springdoc brings YAML's): a body in
     * any of them would pass as the JSON the endpoint checks, through a parser more for hostile input to reach. Those
     * converters go; strings, bytes, forms, multipart and JSON stay.
     */
    @Bean
    public WebMvcConfigurer jsonOnly() {
        return new WebMvcConfigurer() {
            @Override
            public void configureMessageConverters(HttpMessageConverters.ServerBuilder converters) {
                converters.configureMessageConvertersList(list -> list.removeIf(WebAutoConfiguration::readsAnotherStructuredFormat));
            }
        };
    }

    private static boolean readsAnotherStructuredFormat(HttpMessageConverter<?> converter) {
        return converter.getSupportedMediaTypes().stream()
                        .anyMatch(type -> OTHER_FORMATS.stream().anyMatch(format -> type.getSubtype().contains(format)));
    }
}
