# why: ReLU as torch.maximum(h, torch.zeros_like(h)); zeros_like follows h's dtype and device
# %% functional_forward
def functional_forward(x, params, p, training):
    h = x @ params["fc1.weight"].t() + params["fc1.bias"]
    h = torch.maximum(h, torch.zeros_like(h))
    h = F.dropout(h, p=p, training=training)
    return h @ params["fc2.weight"].t() + params["fc2.bias"]
