# mistake: returns the gradients in the order (dL/db, dL/dw)
# targets: test_gradients
# %% gradients
def gradients(objective, x, y, w, b):
    grad_w, grad_b = torch.autograd.grad(objective(x, y, w, b), (w, b))
    return grad_b, grad_w
