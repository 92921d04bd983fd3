# mistake: passes the keep probability 1 - p to F.dropout, whose p is the drop probability
# targets: test_functional_forward
# %% functional_forward
def functional_forward(x, params, p, training):
    h = F.relu(F.linear(x, params["fc1.weight"], params["fc1.bias"]))
    h = F.dropout(h, 1 - p, training=training)
    return F.linear(h, params["fc2.weight"], params["fc2.bias"])
