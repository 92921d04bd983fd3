# mistake: forgets the ReLU on the hidden layer
# targets: test_functional_forward
# %% functional_forward
def functional_forward(x, params, p, training):
    h = F.linear(x, params["fc1.weight"], params["fc1.bias"])
    h = F.dropout(h, p, training=training)
    return F.linear(h, params["fc2.weight"], params["fc2.bias"])
