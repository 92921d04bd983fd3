# why: clones the gradients before zeroing them, so the returned values survive
# %% gradients
def gradients(objective, x, y, w, b):
    loss = objective(x, y, w, b)
    loss.backward()
    grad_w, grad_b = w.grad.clone(), b.grad.clone()
    w.grad.zero_()
    b.grad.zero_()
    return grad_w, grad_b
