# mistake: applies dropout to the output instead of the hidden layer
# targets: test_functional_forward
# %% functional_forward
def functional_forward(x, params, p, training):
    h = F.relu(F.linear(x, params["fc1.weight"], params["fc1.bias"]))
    return F.dropout(F.linear(h, params["fc2.weight"], params["fc2.bias"]), p, training=training)
